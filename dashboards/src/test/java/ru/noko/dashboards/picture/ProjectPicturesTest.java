package ru.noko.dashboards.picture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import ru.noko.dashboards.Project;

/** The committed pictures in docs/dashboards are what the dashboards' JSON draws now. */
class ProjectPicturesTest {

    @Test
    void every_dashboard_has_an_up_to_date_picture() {
        Project.catalog();

        assertThat(new Pictures(Project.root()).differences())
                .as("pictures in docs/dashboards; run ./noko dashboards-pictures to redraw them")
                .isEmpty();
    }
}
