package ru.noko.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The portal used as a person uses it, over HTTP with a session cookie and each form's CSRF token: what the demo does
 * in the operator's name (the registry, the accounts), and what tests and benchmarks do to set the scene. Each step
 * checks that the portal answered as a person would see it succeed, and says what it answered otherwise.
 */
public final class PortalClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CREDENTIALS = Pattern.compile("href=\"(/operator/registry/credentials/[^\"]+)\"");
    private static final Pattern FIRST_PASSWORD =
            Pattern.compile("его нужно сменить\\): ([A-Za-z0-9]+)"); // the markup follows it at once

    private final URI base;
    private final HttpClient http;

    public PortalClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Logs in; fails when the portal shows the login page again. */
    public PortalClient login(String login, String password) throws IOException {
        HttpResponse<String> answer = post("/login", Map.of("username", login, "password", password), "/login");
        if (answer.uri().getPath().equals("/login")) {
            throw new IOException("the portal refused the login of " + login);
        }
        return this;
    }

    /** A page as the logged-in person sees it. */
    public HttpResponse<String> get(String path) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /**
     * Uploads a registry file, confirms its preview and downloads the new organizations' first passwords: the CSV the
     * portal gives once ({@code login,password,...}), or an empty text when no account was made.
     */
    public String importRegistry(String fileName, byte[] content) throws IOException {
        HttpResponse<String> preview = multipart(
                "/operator/registry",
                Map.of(),
                java.util.List.of(Map.entry("file", new Attached(fileName, "text/csv", content))),
                "/operator/registry");
        String draft = preview.uri().getPath();
        if (preview.statusCode() != 200 || !draft.startsWith("/operator/registry/drafts/")) {
            throw new IOException(
                    "the portal refused the registry (" + preview.statusCode() + "): " + text(preview.body()));
        }
        HttpResponse<String> done = post(draft + "/confirm", Map.of(), draft);
        Matcher credentials = CREDENTIALS.matcher(done.body());
        if (done.statusCode() != 200) {
            throw new IOException(
                    "the portal did not confirm the registry (" + done.statusCode() + "): " + text(done.body()));
        }
        return credentials.find() ? get(credentials.group(1)).body() : "";
    }

    /** Makes an account of another role than an organization's; returns its first password. */
    public String createAccount(String login, String role, String municipality, String fullName) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("login", login);
        form.put("role", role);
        form.put("municipality", municipality == null ? "" : municipality);
        form.put("fullName", fullName);
        HttpResponse<String> answer = post("/operator/accounts", form, "/operator/accounts");
        Matcher password = FIRST_PASSWORD.matcher(answer.body());
        if (!password.find()) {
            throw new IOException("the portal did not make the account " + login + ": " + text(answer.body()));
        }
        return password.group(1);
    }

    /** Changes the logged-in person's password (the first login asks for it). */
    public void changePassword(String current, String next) throws IOException {
        HttpResponse<String> answer = post(
                "/account/password",
                Map.of("current", current, "password", next, "repeated", next),
                "/account/password");
        if (answer.uri().getPath().equals("/account/password")) {
            throw new IOException("the portal did not take the new password: " + text(answer.body()));
        }
    }

    /** A file attached to a multipart form. */
    public record Attached(String fileName, String contentType, byte[] content) {}

    /** Posts a multipart form (fields, then files) with the CSRF token of the page that shows it. */
    public HttpResponse<String> multipart(
            String path, Map<String, String> fields, java.util.List<Map.Entry<String, Attached>> files, String formPage)
            throws IOException {
        String boundary = "noko-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("_csrf", csrf(formPage));
        for (Map.Entry<String, String> field : form.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                            + "\"\r\n\r\n" + field.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        for (Map.Entry<String, Attached> file : files) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.getKey()
                            + "\"; filename=\"" + file.getValue().fileName() + "\"\r\nContent-Type: "
                            + file.getValue().contentType() + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file.getValue().content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** A page's text as a person reads it, for messages about what the portal answered. */
    public static String textOf(String html) {
        return text(html);
    }

    /**
     * Posts a form with the CSRF token of the page that shows it. A field the form repeats (one per row) is given
     * once per row as {@code name#1}, {@code name#2}, …: the suffix is not sent.
     */
    public HttpResponse<String> post(String path, Map<String, String> fields, String formPage) throws IOException {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("_csrf", csrf(formPage));
        String body = form.entrySet().stream()
                .map(field -> encode(field.getKey().replaceAll("#\\d+$", "")) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private String csrf(String page) throws IOException {
        Matcher token = CSRF.matcher(get(page).body());
        if (!token.find()) {
            throw new IOException("no form on " + page + " (not logged in, or not allowed there)");
        }
        return token.group(1);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A page's text without its markup, shortened: what a person would read there. */
    private static String text(String html) {
        String plain = html.replaceAll("(?s)<style.*?</style>", " ")
                .replaceAll("<[^>]+>", " ")
                .replaceAll("\\s+", " ")
                .strip();
        return plain.length() > 600 ? plain.substring(0, 600) + "…" : plain;
    }
}
