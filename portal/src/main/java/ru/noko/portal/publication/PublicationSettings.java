package ru.noko.portal.publication;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the public results go.
 *
 * @param folder the site's folder ({@code NOKO_RESULTS_DIR}); nginx serves it on the server
 * @param url where the folder is reached ({@code NOKO_RESULTS_URL}, e.g. {@code https://noko.example.ru/results});
 *     empty: paths under {@code /results}
 * @param exportsFolder where the ministry's export at a published cut-off is written ({@code NOKO_EXPORTS_DIR})
 */
@ConfigurationProperties("noko.publication")
public record PublicationSettings(Path folder, String url, Path exportsFolder) {

    public PublicationSettings {
        folder = folder == null ? Path.of("public-results") : folder;
        url = url == null ? "" : url;
        exportsFolder = exportsFolder == null ? Path.of("exports") : exportsFolder;
    }
}
