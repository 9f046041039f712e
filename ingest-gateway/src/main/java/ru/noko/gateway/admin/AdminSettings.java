package ru.noko.gateway.admin;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import ru.noko.posters.PosterFonts;

/**
 * The region operator's account for the downloads under {@code /admin}.
 *
 * @param user the operator's user name
 * @param password the operator's password from the environment, plain or already encoded ({@code {bcrypt}…}); empty
 *     leaves {@code /admin} closed to everyone
 * @param fontsFolder where the posters' DejaVu fonts are
 */
@ConfigurationProperties("noko.admin")
public record AdminSettings(String user, String password, Path fontsFolder) {

    public AdminSettings {
        user = user == null || user.isBlank() ? "region" : user.strip();
        password = password == null ? "" : password;
        fontsFolder = fontsFolder == null ? PosterFonts.DEBIAN_FOLDER : fontsFolder;
    }
}
