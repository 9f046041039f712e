package ru.noko.portal.system;

import java.nio.file.Path;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The portal's own settings.
 *
 * @param publicUrl where respondents open the survey pages ({@code NOKO_PUBLIC_URL}): the organizations' links, QR
 *     codes and posters lead there
 * @param portalUrl where people reach the portal itself, for the one-time reset links it shows
 * @param grafanaUrl where the analysts' dashboards are, for the municipal analyst's links; empty for none
 * @param operatorLogin the regional operator's login, made at the first start
 * @param operatorPassword the regional operator's first password, from the environment; the portal does not start
 *     without it while no operator exists
 * @param secureCookies whether the session cookie is {@code Secure} (the portal is reached over HTTPS)
 * @param fontsFolder DejaVu fonts for the posters' Cyrillic
 * @param filesFolder where uploaded photos and orders are kept when no S3 service is configured
 */
@ConfigurationProperties("noko.portal")
public record PortalSettings(
        String publicUrl,
        String portalUrl,
        String grafanaUrl,
        String operatorLogin,
        String operatorPassword,
        boolean secureCookies,
        Path fontsFolder,
        Path filesFolder) {

    public PortalSettings {
        publicUrl = publicUrl == null ? "" : publicUrl.strip().replaceAll("/+$", "");
        portalUrl = portalUrl == null ? "" : portalUrl.strip().replaceAll("/+$", "");
        grafanaUrl = grafanaUrl == null ? "" : grafanaUrl.strip().replaceAll("/+$", "");
        operatorLogin = operatorLogin == null || operatorLogin.isBlank() ? "operator" : operatorLogin.strip();
        operatorPassword = operatorPassword == null ? "" : operatorPassword;
        fontsFolder = fontsFolder == null ? Path.of("/usr/share/fonts/truetype/dejavu") : fontsFolder;
        filesFolder = filesFolder == null ? Path.of("portal-files") : filesFolder;
    }

    public Optional<String> portal() {
        return portalUrl.isEmpty() ? Optional.empty() : Optional.of(portalUrl);
    }

    public Optional<String> grafana() {
        return grafanaUrl.isEmpty() ? Optional.empty() : Optional.of(grafanaUrl);
    }
}
