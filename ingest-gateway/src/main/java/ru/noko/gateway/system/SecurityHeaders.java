package ru.noko.gateway.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The headers that keep a browser from being turned against the respondent: on every answer, no MIME sniffing, no
 * framing by another site, and the address of a page (a receipt's, say) never sent to another site; on the survey
 * pages a Content Security Policy that runs only the pages' own inline script and style, by their hashes (computed
 * here from the templates, so a changed script is allowed by its new hash and nothing else is), sends forms only to
 * this site, and loads nothing from anywhere. HSTS is the server proxy's (deploy/nginx), which ends TLS. The values
 * are made once; each answer only gets them set.
 */
@Component
public class SecurityHeaders implements WebFilter {

    static final String TEMPLATES = "classpath:templates/survey/*.html";
    private static final Pattern INLINE = Pattern.compile("<(script|style)>(.*?)</\\1>", Pattern.DOTALL);

    private final String pagePolicy;
    private static final String OTHER_POLICY = "default-src 'none'; frame-ancestors 'none'";

    public SecurityHeaders() {
        Set<String> scripts = new LinkedHashSet<>();
        Set<String> styles = new LinkedHashSet<>();
        try {
            for (Resource template : new PathMatchingResourcePatternResolver().getResources(TEMPLATES)) {
                Matcher inline = INLINE.matcher(template.getContentAsString(StandardCharsets.UTF_8));
                while (inline.find()) {
                    (inline.group(1).equals("script") ? scripts : styles).add(hash(inline.group(2)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the survey page templates", e);
        }
        this.pagePolicy = "default-src 'none'; script-src " + String.join(" ", scripts) + "; style-src "
                + String.join(" ", styles) + "; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                + "base-uri 'none'";
    }

    /** The pages' policy, for tests that compare it with the pages. */
    public String pagePolicy() {
        return pagePolicy;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        boolean page = exchange.getRequest().getPath().value().startsWith("/s/");
        set(headers::set, page ? pagePolicy : OTHER_POLICY);
        return chain.filter(exchange);
    }

    /** The headers of an answer that is not a page, for a route served outside this filter (the survey endpoint). */
    public static void setOnApiAnswer(BiConsumer<String, String> header) {
        set(header, OTHER_POLICY);
    }

    private static void set(BiConsumer<String, String> header, String policy) {
        header.accept("X-Content-Type-Options", "nosniff");
        header.accept("X-Frame-Options", "DENY");
        header.accept("Referrer-Policy", "same-origin");
        header.accept("Content-Security-Policy", policy);
    }

    /** A CSP source for an inline block: its SHA-256, as browsers compute it over the text between the tags. */
    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
