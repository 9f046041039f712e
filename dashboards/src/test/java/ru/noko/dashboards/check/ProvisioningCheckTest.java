package ru.noko.dashboards.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import ru.noko.dashboards.Fixtures;

class ProvisioningCheckTest {

    private final Check check = new ProvisioningCheck();

    @Test
    void a_provider_reading_the_mounted_directory_and_data_sources_with_uids_pass() {
        assertThat(Findings.of(check, Fixtures.validWith())).isEmpty();
    }

    @Test
    void a_provider_reading_elsewhere_and_data_sources_without_fixed_uids_are_named() {
        assertThat(Findings.of(check, Fixtures.validProvisionedBy("provisioning-broken")))
                .containsExactly(
                        "dashboards/noko.yaml › provider 'noko': reads '/etc/grafana/dashboards', but the dashboards are at"
                                + " /var/lib/grafana/dashboards",
                        "datasources/datasources.yaml › data source 'ClickHouse copy': uid 'noko-clickhouse' is used twice",
                        "datasources/datasources.yaml › data source 'Prometheus': has no uid: Grafana would make up one no"
                                + " dashboard names");
    }
}
