package ru.noko.dashboards.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import ru.noko.dashboards.grafana.Catalog;
import ru.noko.dashboards.grafana.DashboardProvider;
import ru.noko.dashboards.grafana.ProvisionedDataSource;

/**
 * The provisioning loads the dashboards and gives the data sources fixed uids. docker-compose mounts dashboards/json
 * at {@value #DASHBOARDS_PATH} in Grafana's container, so a provider reading any other directory finds no dashboards;
 * a provisioned data source without a uid gets a random one, which no dashboard can name.
 */
final class ProvisioningCheck implements Check {

    static final String DASHBOARDS_PATH = "/var/lib/grafana/dashboards";

    @Override
    public String name() {
        return "provisioning: providers read " + DASHBOARDS_PATH + ", data sources have fixed uids";
    }

    @Override
    public List<Finding> check(Catalog catalog) {
        List<Finding> findings = new ArrayList<>();
        List<DashboardProvider> providers = catalog.provisioning().providers();
        if (providers.isEmpty()) {
            findings.add(new Finding(
                    "provisioning/dashboards",
                    "providers",
                    "no dashboard provider: Grafana would load none of the dashboards"));
        }
        for (DashboardProvider provider : providers) {
            String where = "provider" + (provider.name().isEmpty() ? "" : " '" + provider.name() + "'");
            if (!provider.type().equals("file")) {
                findings.add(new Finding(provider.file(), where, "type '" + provider.type() + "', not 'file'"));
            } else if (!provider.path().replaceAll("/+$", "").equals(DASHBOARDS_PATH)) {
                findings.add(new Finding(
                        provider.file(),
                        where,
                        "reads '" + provider.path() + "', but the dashboards are at " + DASHBOARDS_PATH));
            }
        }
        Set<String> uids = new HashSet<>();
        for (ProvisionedDataSource source : catalog.provisioning().dataSources()) {
            String where = "data source '" + source.name() + "'";
            if (source.type().isEmpty()) {
                findings.add(new Finding(source.file(), where, "has no type (plugin id)"));
            }
            if (source.uid().isEmpty()) {
                findings.add(
                        new Finding(source.file(), where, "has no uid: Grafana would make up one no dashboard names"));
            } else if (!uids.add(source.uid())) {
                findings.add(new Finding(source.file(), where, "uid '" + source.uid() + "' is used twice"));
            }
        }
        return findings;
    }
}
