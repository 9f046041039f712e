package ru.noko.gateway.page;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.ResponseCookie;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The device token: a random value in a cookie the survey page sets on the first view, which the form's responses
 * carry as {@code deviceToken} for the pipeline's one-response-per-device check. HttpOnly (no script needs it),
 * SameSite=Lax (sent when a link opens the page, not by another site's post), for a year; Secure when the page came
 * over HTTPS.
 */
final class DeviceCookie {

    static final String NAME = "noko_device";
    /** As the API accepts a device token. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceCookie() {}

    /** The request's token, if it has a well-formed one. */
    static Optional<String> of(ServerRequest request) {
        return Optional.ofNullable(request.cookies().getFirst(NAME))
                .map(cookie -> cookie.getValue())
                .filter(value -> TOKEN.matcher(value).matches());
    }

    static ResponseCookie fresh(ServerRequest request) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return ResponseCookie.from(NAME, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))
                .httpOnly(true)
                .sameSite("Lax")
                .path("/")
                .maxAge(Duration.ofDays(365))
                .secure("https".equals(request.uri().getScheme()))
                .build();
    }
}
