package ru.noko.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import ru.noko.dashboards.grafana.Catalog;

/** The project's own dashboards (dashboards/json) and provisioning (dashboards/provisioning). */
public final class Project {

    private Project() {}

    public static Path root() {
        return Path.of(System.getProperty("noko.projectRoot", ".."))
                .toAbsolutePath()
                .normalize();
    }

    /** The project's catalog; fails when dashboards/json holds no dashboard, so that no check passes on nothing. */
    public static Catalog catalog() {
        Catalog catalog = Catalog.ofProject(root());
        assertThat(catalog.dashboards())
                .as("dashboards in %s: the checks need something to check", root().resolve("dashboards/json"))
                .isNotEmpty();
        return catalog;
    }
}
