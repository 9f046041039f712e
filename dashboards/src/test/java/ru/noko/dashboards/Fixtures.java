package ru.noko.dashboards;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import ru.noko.dashboards.grafana.Catalog;
import ru.noko.dashboards.grafana.Dashboard;
import ru.noko.dashboards.grafana.Provisioning;

/**
 * The test fixtures (src/test/resources/fixtures): {@code valid/} holds two dashboards every check accepts, provisioned
 * by {@code provisioning/}; each other folder holds dashboards that break one check, to be loaded next to the valid
 * ones.
 */
public final class Fixtures {

    private Fixtures() {}

    public static Path path(String relative) {
        try {
            return Path.of(Objects.requireNonNull(Fixtures.class.getResource("/fixtures"))
                            .toURI())
                    .resolve(relative);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The valid dashboards and provisioning, plus {@code extra} dashboard files, loaded after them. */
    public static Catalog validWith(String... extra) {
        return catalog("provisioning", extra);
    }

    /** The valid dashboards with the provisioning in {@code provisioningFolder}. */
    public static Catalog validProvisionedBy(String provisioningFolder) {
        return catalog(provisioningFolder);
    }

    private static Catalog catalog(String provisioningFolder, String... extra) {
        List<Dashboard> dashboards = new ArrayList<>();
        Catalog.dashboardFiles(path("valid")).forEach(file -> dashboards.add(Dashboard.read(file)));
        for (String file : extra) {
            dashboards.add(Dashboard.read(path(file)));
        }
        return new Catalog(List.copyOf(dashboards), Provisioning.read(path(provisioningFolder)));
    }
}
