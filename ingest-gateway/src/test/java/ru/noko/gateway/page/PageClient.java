package ru.noko.gateway.page;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * A browser without JavaScript, as the page tests use it: GET a page, POST a form, read a field of the page. Like a
 * browser it keeps the cookies the gateway sets (the device cookie) and sends them back.
 */
public final class PageClient {

    public static final Pattern KEY = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"");
    public static final Pattern STARTED = Pattern.compile("name=\"startedAt\" value=\"([^\"]+)\"");
    public static final Pattern TOKEN = Pattern.compile("name=\"submissionToken\" value=\"([^\"]+)\"");

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    /** For a request with cookies of the test's own making. */
    private final HttpClient bare;

    /** Where the requests go: {@code scheme://host:port}, no path. */
    private final String base;

    /** A browser talking plain HTTP to 127.0.0.1:{@code port}. */
    public PageClient(int port) {
        this("http://127.0.0.1:" + port, null);
    }

    /**
     * A browser talking to {@code base} ({@code https://127.0.0.1:8443}, say), trusting the certificates {@code tls}
     * trusts (the system's when it is null).
     */
    public PageClient(String base, SSLContext tls) {
        this.base = base;
        HttpClient.Builder withCookies =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).cookieHandler(cookies);
        HttpClient.Builder withoutCookies = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (tls != null) {
            withCookies.sslContext(tls);
            withoutCookies.sslContext(tls);
        }
        this.http = withCookies.build();
        this.bare = withoutCookies.build();
    }

    public HttpClient http() {
        return http;
    }

    /** The device cookie the gateway gave this browser, if it did. */
    public Optional<String> device() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("noko_device"))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    /** Forgets the cookies, as another browser would have none. */
    public void forgetCookies() {
        cookies.getCookieStore().removeAll();
    }

    /** The page's hidden fields with a parent's answers: no to q1 (so q2 is skipped), a text, a choice, a number. */
    public static Map<String, List<String>> validForm(String html) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("idempotencyKey", List.of(field(KEY, html)));
        form.put("startedAt", List.of(field(STARTED, html)));
        form.put("submissionToken", List.of(field(TOKEN, html)));
        form.put("respondentRole", List.of("parent"));
        for (String question : List.of("q1", "q4", "q6", "q10")) {
            form.put("answers." + question, List.of("false"));
        }
        for (String question : List.of("q3", "q5", "q8", "q9", "q12", "q13", "q14")) {
            form.put("answers." + question, List.of("true"));
        }
        form.put("answers.q15", List.of("Больше кружков"));
        form.put("answers.q16", List.of("female"));
        form.put("answers.q17", List.of("38"));
        return form;
    }

    public static String field(Pattern pattern, String html) {
        Matcher matcher = pattern.matcher(html);
        assertThat(matcher.find()).as("the page has " + pattern).isTrue();
        return matcher.group(1);
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form with this browser's cookies. */
    public HttpResponse<String> post(String path, Map<String, List<String>> form) throws Exception {
        return post(path, form, null);
    }

    /**
     * Posts a form, with this browser's cookies, or with {@code cookie} (a {@code Cookie} header's value) instead of
     * them when it is given.
     */
    public HttpResponse<String> post(String path, Map<String, List<String>> form, String cookie) throws Exception {
        return post(path, form, cookie, Map.of());
    }

    /** Posts a form with extra headers ({@code Origin}, say). */
    public HttpResponse<String> post(
            String path, Map<String, List<String>> form, String cookie, Map<String, String> headers) throws Exception {
        String body = form.entrySet().stream()
                .flatMap(field -> field.getValue().stream().map(value -> encode(field.getKey()) + "=" + encode(value)))
                .collect(Collectors.joining("&"));
        // A client's own claim to be someone else, which the gateway must ignore unless told it is behind a proxy.
        HttpRequest.Builder request = request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", "203.0.113.7")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        if (cookie != null) {
            request.header("Cookie", cookie);
            return bare.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postJson(String path, String json) throws Exception {
        return http.send(
                request(path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The submission token the API gives with a questionnaire ({@code GET /api/v1/surveys/…}), for responses without
     * a device token or with {@code device}.
     */
    public String apiToken(String campaign, String organization, String device) throws Exception {
        HttpResponse<String> questionnaire = get(
                "/api/v1/surveys/" + campaign + "/" + organization + (device == null ? "" : "?deviceToken=" + device));
        assertThat(questionnaire.statusCode()).as(questionnaire.body()).isEqualTo(200);
        Matcher token = Pattern.compile("\"submissionToken\":\"([^\"]+)\"").matcher(questionnaire.body());
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
