package ru.noko.gateway.system;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where respondents reach this gateway, and how long the questionnaire they were given stays good to send.
 *
 * @param publicUrl the address respondents reach (the proxy's public address, {@code https://…} on a server; the
 *     local run's own address). The device cookie is {@code Secure} when it is HTTPS, and a browser's {@code Origin}
 *     must be it. Empty: the origin a request's own {@code Host} names is the one
 * @param submissionTokenValidity how long after a questionnaire was given its submission token is accepted
 */
@ConfigurationProperties("noko.site")
public record SiteSettings(String publicUrl, Duration submissionTokenValidity) {

    public SiteSettings {
        publicUrl = publicUrl == null ? "" : publicUrl.strip().replaceAll("/+$", "");
        submissionTokenValidity = submissionTokenValidity == null ? Duration.ofHours(24) : submissionTokenValidity;
        if (!publicUrl.isEmpty()) {
            URI uri = URI.create(publicUrl);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "NOKO_PUBLIC_URL must be an http:// or https:// address, not " + publicUrl);
            }
        }
    }

    /** The public address, if one is configured. */
    public Optional<String> url() {
        return publicUrl.isEmpty() ? Optional.empty() : Optional.of(publicUrl);
    }

    /** Whether respondents come over HTTPS (the cookie is then {@code Secure}, whatever the proxy sent on). */
    public boolean https() {
        return publicUrl.startsWith("https://");
    }

    /** The public address's origin ({@code scheme://host[:port]}, default ports left out), if configured. */
    public Optional<String> origin() {
        return url().map(url -> Origins.of(URI.create(url)));
    }
}
