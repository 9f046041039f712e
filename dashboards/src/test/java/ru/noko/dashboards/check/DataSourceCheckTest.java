package ru.noko.dashboards.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import ru.noko.dashboards.Fixtures;

class DataSourceCheckTest {

    private final Check check = new DataSourceCheck();

    @Test
    void provisioned_uids_a_datasource_variable_mixed_panels_and_text_panels_pass() {
        assertThat(Findings.of(check, Fixtures.validWith())).isEmpty();
    }

    @Test
    void a_uid_from_another_grafana_is_named() {
        assertThat(Findings.of(check, Fixtures.validWith("datasources/unknown-uid.json")))
                .containsExactly(
                        "unknown-uid.json › panel 1 «Ответы»: data source uid 'P1809F7CD0C75ACF3' is not a provisioned data"
                                + " source (provisioned: noko-clickhouse (grafana-clickhouse-datasource),"
                                + " noko-prometheus (prometheus))");
    }

    @Test
    void a_provisioned_uid_under_another_plugin_is_named() {
        assertThat(Findings.of(check, Fixtures.validWith("datasources/wrong-type.json")))
                .containsExactly("wrong-type.json › panel 1 «Ответы»: data source uid 'noko-clickhouse' is a"
                        + " 'grafana-clickhouse-datasource' data source, the reference says 'prometheus'");
    }

    @Test
    void a_datasource_variable_of_another_plugin_is_named() {
        assertThat(Findings.of(check, Fixtures.validWith("datasources/variable-of-another-plugin.json")))
                .containsExactly("variable-of-another-plugin.json › panel 1 «Ответы»: data source $ds offers"
                        + " 'prometheus' data sources, the reference wants 'grafana-clickhouse-datasource'");
    }

    @Test
    void a_data_panel_without_a_data_source_is_named_and_a_text_panel_is_not() {
        assertThat(Findings.of(check, Fixtures.validWith("datasources/without-data-source.json")))
                .containsExactly("without-data-source.json › panel 1 «Ответы»: names no data source");
    }
}
