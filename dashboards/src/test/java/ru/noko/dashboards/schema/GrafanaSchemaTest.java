package ru.noko.dashboards.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import ru.noko.dashboards.Fixtures;
import ru.noko.dashboards.Project;
import ru.noko.dashboards.grafana.Catalog;

/** The dashboards follow the JSON model Grafana publishes ({@code Dashboard} in the npm package @grafana/schema). */
class GrafanaSchemaTest {

    @Test
    void the_project_dashboards_follow_grafanas_schema() throws Exception {
        Project.catalog();
        List<Path> files = Catalog.dashboardFiles(Project.root().resolve("dashboards/json"));
        GrafanaSchema.Report report = GrafanaSchema.validate(files);

        assertThat(invalid(report))
                .as("dashboards against @grafana/schema %s's Dashboard", report.grafanaVersion())
                .isEmpty();
    }

    @Test
    void a_dashboard_as_grafana_exports_it_is_valid() throws Exception {
        // ids null, `current: {}`, `allValue: null`, `__inputs`, a query variable's `definition`, ClickHouse targets
        // with rawSql, format, editorType and pluginVersion, panel links with a title and url only.
        GrafanaSchema.Report report = GrafanaSchema.validate(
                List.of(Fixtures.path("valid/overview.json"), Fixtures.path("valid/organization.json")));

        assertThat(invalid(report)).isEmpty();
    }

    @Test
    void a_title_that_is_not_a_string_is_invalid() throws Exception {
        assertThat(errorsOf("schema/title-not-a-string.json")).containsExactly("/title must be string");
    }

    @Test
    void panels_that_are_not_a_list_are_invalid() throws Exception {
        assertThat(errorsOf("schema/panels-not-a-list.json")).containsExactly("/panels must be array");
    }

    @Test
    void a_grid_width_that_is_not_a_number_is_invalid() throws Exception {
        assertThat(errorsOf("schema/grid-width-not-a-number.json"))
                .containsExactly("/panels/0/gridPos/w must be number");
    }

    @Test
    void a_variable_type_grafana_does_not_know_is_invalid() throws Exception {
        assertThat(errorsOf("schema/variable-type-unknown.json"))
                .singleElement()
                .asString()
                .startsWith("/templating/list/0/type must be equal to one of the allowed values: \"query\", \"adhoc\"");
    }

    private static List<String> errorsOf(String fixture) throws Exception {
        Path file = Fixtures.path(fixture);
        return GrafanaSchema.validate(List.of(file)).errors().get(file).stream()
                .map(Object::toString)
                .toList();
    }

    /** "file: error; error" for each invalid file. */
    private static List<String> invalid(GrafanaSchema.Report report) {
        return report.errors().entrySet().stream()
                .filter(entry -> !entry.getValue().isEmpty())
                .map(entry -> entry.getKey().getFileName() + ": "
                        + entry.getValue().stream().map(Object::toString).collect(Collectors.joining("; ")))
                .toList();
    }
}
