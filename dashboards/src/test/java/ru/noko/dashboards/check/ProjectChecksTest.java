package ru.noko.dashboards.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import ru.noko.dashboards.Project;
import ru.noko.dashboards.grafana.Catalog;

/** Every static check passes on the project's dashboards and provisioning. */
class ProjectChecksTest {

    @TestFactory
    Stream<DynamicTest> the_project_dashboards_pass_every_check() {
        Catalog catalog = Project.catalog();
        return Checks.all().stream()
                .map(check -> DynamicTest.dynamicTest(
                        check.name(),
                        () -> assertThat(Findings.of(check, catalog))
                                .as(check.name())
                                .isEmpty()));
    }
}
