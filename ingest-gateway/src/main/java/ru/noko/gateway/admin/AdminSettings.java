package ru.noko.gateway.admin;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import ru.noko.posters.PosterFonts;

/**
 * The region operator's account for the downloads under {@code /admin}, and the address respondents reach.
 *
 * @param user the operator's user name
 * @param password the operator's password from the environment, plain or already encoded ({@code {bcrypt}…}); empty
 *     leaves {@code /admin} closed to everyone
 * @param publicUrl where respondents reach the survey pages, printed on the posters (the proxy's public address)
 * @param fontsFolder where the posters' DejaVu fonts are
 */
@ConfigurationProperties("noko.admin")
public record AdminSettings(String user, String password, String publicUrl, Path fontsFolder) {

    public AdminSettings {
        user = user == null || user.isBlank() ? "region" : user.strip();
        password = password == null ? "" : password;
        publicUrl = publicUrl == null ? "" : publicUrl.strip();
        fontsFolder = fontsFolder == null ? PosterFonts.DEBIAN_FOLDER : fontsFolder;
    }
}
