package ru.noko.gateway.page;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.springframework.http.ResponseCookie;
import org.springframework.web.reactive.function.server.ServerRequest;
import ru.noko.schemas.Identifiers;

/**
 * The device token: a random value in a cookie the survey page sets on the first view, which the form's responses
 * carry as {@code deviceToken} for the pipeline's one-response-per-device check, and to which every page's submission
 * token and receipt are bound. HttpOnly (no script needs it), SameSite=Lax (sent when a link opens the page, not with
 * another site's form post), for a year; Secure when respondents come over HTTPS: when the public address is
 * {@code https://…} (behind a proxy that ends TLS the gateway itself sees plain HTTP) or the request came over HTTPS.
 */
final class DeviceCookie {

    static final String NAME = "noko_device";

    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceCookie() {}

    /** The request's token, if it has a well-formed one. */
    static Optional<String> of(ServerRequest request) {
        return Optional.ofNullable(request.cookies().getFirst(NAME))
                .map(cookie -> cookie.getValue())
                .filter(Identifiers::isDeviceToken);
    }

    /** A new device's token. */
    static String fresh() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static ResponseCookie cookie(String value, boolean secure) {
        return ResponseCookie.from(NAME, value)
                .httpOnly(true)
                .sameSite("Lax")
                .path("/")
                .maxAge(Duration.ofDays(365))
                .secure(secure)
                .build();
    }
}
