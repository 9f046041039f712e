package ru.noko.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One person's browser: its own cookies (the session), HTTP/1.1 with a kept-alive connection, redirects not
 * followed (a redirect where a page was expected is an error).
 */
final class PortalSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final URI base;
    private final HttpClient http;
    private final byte[] buffer = new byte[64 * 1024];

    PortalSession(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    static PortalSession login(URI base, String login, String password) throws IOException {
        PortalSession session = new PortalSession(base);
        String token = session.csrf(session.page("/login"));
        HttpResponse<String> answer =
                session.postForm("/login", Map.of("username", login, "password", password), token);
        String location = answer.headers().firstValue("Location").orElse("");
        if (answer.statusCode() != 302 || location.contains("/login")) {
            throw new IOException(
                    "the portal refused the login of " + login + ": " + answer.statusCode() + " " + location);
        }
        return session;
    }

    void changePassword(String current, String next) throws IOException {
        String token = csrf(page("/account/password"));
        HttpResponse<String> answer =
                postForm("/account/password", Map.of("current", current, "password", next, "repeated", next), token);
        if (answer.statusCode() != 302
                || !answer.headers().firstValue("Location").orElse("").contains("password-changed")) {
            throw new IOException("the portal did not take the new password: " + text(answer.body()));
        }
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    /** A page that must answer 200. */
    String page(String path) throws IOException {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri(path)).GET());
        if (answer.statusCode() != 200) {
            throw new IOException(path + " answered " + answer.statusCode() + " "
                    + answer.headers().firstValue("Location").orElse(""));
        }
        return answer.body();
    }

    Answer timed(String path) throws IOException {
        try {
            HttpResponse<InputStream> answer = http.send(
                    HttpRequest.newBuilder(uri(path))
                            .timeout(Duration.ofSeconds(60))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long bytes = 0;
            try (InputStream body = answer.body()) {
                for (int n; (n = body.read(buffer)) >= 0; ) {
                    bytes += n;
                }
            }
            return new Answer(answer.statusCode(), bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    HttpResponse<String> postForm(String path, Map<String, String> fields, String csrf) throws IOException {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("_csrf", csrf);
        String body = form.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    String csrf(String html) throws IOException {
        Matcher token = CSRF.matcher(html);
        if (!token.find()) {
            throw new IOException("no form token on the page: " + text(html));
        }
        return token.group(1);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** An answer's status and size; its body read to the end (and dropped) before the clock stops. */
    record Answer(int status, long bytes) {}

    /** A page's text without its markup, shortened. */
    static String text(String html) {
        String plain = html.replaceAll("(?s)<style.*?</style>", " ")
                .replaceAll("<[^>]+>", " ")
                .replaceAll("\\s+", " ")
                .strip();
        return plain.length() > 400 ? plain.substring(0, 400) + "…" : plain;
    }
}
