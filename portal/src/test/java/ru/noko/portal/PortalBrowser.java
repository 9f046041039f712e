package ru.noko.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without JavaScript for the portal's tests: keeps its session cookie, reads the CSRF token of the page it
 * last opened and sends it with its forms, as a browser sends the form's hidden field.
 */
public final class PortalBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final int port;
    private String csrf = "";

    public PortalBrowser(int port) {
        this.port = port;
    }

    public HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> page = http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
        remember(page.body());
        return page;
    }

    public HttpResponse<byte[]> download(String path) throws Exception {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Follows redirects as a browser would, from the answer given. */
    public HttpResponse<String> follow(HttpResponse<String> answer) throws Exception {
        HttpResponse<String> current = answer;
        for (int hops = 0; hops < 5 && current.statusCode() / 100 == 3; hops++) {
            String location = current.headers().firstValue("Location").orElseThrow();
            current = get(URI.create(location).getPath()
                    + (URI.create(location).getQuery() == null
                            ? ""
                            : "?" + URI.create(location).getQuery()));
        }
        return current;
    }

    /** Posts a form with the CSRF token of the page last opened. */
    public HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.putIfAbsent("_csrf", csrf);
        return postRaw(path, form);
    }

    /**
     * Posts a form exactly as given: no CSRF token unless the test puts one in. A field repeated in the form (one per
     * row) is given once per row as {@code name#1}, {@code name#2}, …: the suffix is not sent.
     */
    public HttpResponse<String> postRaw(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(field -> encode(field.getKey().replaceAll("#\\d+$", "")) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        HttpResponse<String> answer = http.send(
                request(path)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        remember(answer.body());
        return answer;
    }

    /** Uploads a file as a multipart form, with the CSRF token of the page last opened. */
    public HttpResponse<String> upload(String path, String field, String fileName, byte[] content) throws Exception {
        return multipart(path, Map.of(), Map.of(field, new Attached(fileName, content)));
    }

    /** A file attached to a multipart form. */
    public record Attached(String fileName, byte[] content) {}

    /** Posts a multipart form: its fields (and the CSRF token of the page last opened), then its files. */
    public HttpResponse<String> multipart(String path, Map<String, String> fields, Map<String, Attached> files)
            throws Exception {
        String boundary = "noko-" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.putIfAbsent("_csrf", csrf);
        for (Map.Entry<String, String> field : all.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                            + "\"\r\n\r\n" + field.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        for (Map.Entry<String, Attached> file : files.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.getKey()
                            + "\"; filename=\"" + file.getValue().fileName()
                            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file.getValue().content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = http.send(
                request(path)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        remember(answer.body());
        return answer;
    }

    /** Logs in through the login form; the page the login led to (after redirects). */
    public HttpResponse<String> login(String login, String password) throws Exception {
        get("/login");
        return follow(post("/login", Map.of("username", login, "password", password)));
    }

    public Optional<String> session() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("NOKO_PORTAL_SESSION"))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    public String csrf() {
        return csrf;
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
    }

    private void remember(String page) {
        Matcher token = CSRF.matcher(page == null ? "" : page);
        if (token.find()) {
            csrf = token.group(1);
        }
    }

    public static String field(Pattern pattern, String html) {
        Matcher matcher = pattern.matcher(html);
        assertThat(matcher.find()).as("the page has " + pattern).isTrue();
        return matcher.group(1);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
