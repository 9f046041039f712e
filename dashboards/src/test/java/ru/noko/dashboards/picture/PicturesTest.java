package ru.noko.dashboards.picture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.noko.dashboards.Fixtures;

class PicturesTest {

    @TempDir
    Path project;

    private Pictures pictures;

    @BeforeEach
    void a_project_with_two_dashboards() throws IOException {
        Files.createDirectories(project.resolve("dashboards/json"));
        for (String name : new String[] {"overview.json", "organization.json"}) {
            Files.copy(Fixtures.path("valid/" + name), project.resolve("dashboards/json/" + name));
        }
        pictures = new Pictures(project);
    }

    @Test
    void a_dashboard_without_its_picture_is_reported_until_the_pictures_are_written() {
        // In the order of the JSON files' names: organization.json, overview.json.
        assertThat(pictures.differences())
                .containsExactly(
                        "docs/dashboards/fixture-organization.svg is missing",
                        "docs/dashboards/fixture-overview.svg is missing");

        assertThat(pictures.write())
                .containsExactly(
                        "wrote docs/dashboards/fixture-organization.svg", "wrote docs/dashboards/fixture-overview.svg");
        assertThat(pictures.differences()).isEmpty();
        assertThat(pictures.write()).isEmpty();
    }

    @Test
    void a_picture_older_than_its_json_is_out_of_date() throws IOException {
        pictures.write();
        Path json = project.resolve("dashboards/json/organization.json");
        Files.writeString(json, Files.readString(json).replace("Показатели организации", "Показатели"));

        assertThat(pictures.differences())
                .containsExactly("docs/dashboards/fixture-organization.svg is out of date with its dashboard's JSON");
    }

    @Test
    void a_picture_of_a_removed_dashboard_is_a_leftover_and_writing_deletes_it() throws IOException {
        pictures.write();
        Files.delete(project.resolve("dashboards/json/organization.json"));

        assertThat(pictures.differences())
                .containsExactly("docs/dashboards/fixture-organization.svg belongs to no dashboard in dashboards/json");
        assertThat(pictures.write()).containsExactly("deleted docs/dashboards/fixture-organization.svg");
    }
}
