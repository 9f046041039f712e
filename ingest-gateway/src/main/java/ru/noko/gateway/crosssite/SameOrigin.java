package ru.noko.gateway.crosssite;

import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import ru.noko.gateway.system.Origins;
import ru.noko.gateway.system.SiteSettings;

/**
 * Whether a browser says a request comes from another web site. Browsers send {@code Origin} with every form post and
 * every script's POST, and {@code Referer} unless told not to: where either is present it must be this gateway's
 * public address ({@code NOKO_PUBLIC_URL}) or the address the request itself came to. A request with neither (a
 * program, or a browser that sends neither) is left to the submission token.
 */
@Component
public class SameOrigin {

    private final Optional<String> publicOrigin;

    SameOrigin(SiteSettings site) {
        this.publicOrigin = site.origin();
    }

    /** The other site's origin as the request gave it, if the request names one that is not ours. */
    public Optional<String> foreign(ServerRequest request) {
        HttpHeaders headers = request.headers().asHttpHeaders();
        return foreign(headers.getOrigin(), headers.getFirst(HttpHeaders.REFERER), () -> Origins.of(request.uri()));
    }

    /**
     * As {@link #foreign(ServerRequest)}, from the two headers and the origin the request itself came to ({@code
     * scheme://host[:port]}, as {@link Origins} writes it), made only when a header names an origin to compare.
     */
    public Optional<String> foreign(String origin, String referer, Supplier<String> requestOrigin) {
        if (origin != null) {
            return ours(origin, requestOrigin) ? Optional.empty() : Optional.of(origin);
        }
        if (referer != null) {
            String refererOrigin = originOf(referer);
            return refererOrigin != null && ours(refererOrigin, requestOrigin)
                    ? Optional.empty()
                    : Optional.of(refererOrigin == null ? referer : refererOrigin);
        }
        return Optional.empty();
    }

    private boolean ours(String origin, Supplier<String> requestOrigin) {
        // "null" is what a sandboxed frame, a data: page or a file sends: never ours.
        String normalized = originOf(origin);
        if (normalized == null) {
            return false;
        }
        return publicOrigin.map(normalized::equals).orElse(false) || normalized.equals(requestOrigin.get());
    }

    private static String originOf(String address) {
        try {
            URI uri = URI.create(address.strip());
            return uri.getScheme() == null || uri.getHost() == null ? null : Origins.of(uri);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
