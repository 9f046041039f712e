package ru.noko.gateway.page;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser without JavaScript, as the page tests use it: GET a page, POST a form, read a field of the page. */
public final class PageClient {

    public static final Pattern KEY = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"");
    public static final Pattern STARTED = Pattern.compile("name=\"startedAt\" value=\"([^\"]+)\"");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    public PageClient(int port) {
        this.port = port;
    }

    public HttpClient http() {
        return http;
    }

    /** The page's hidden fields with a parent's answers: no to q1 (so q2 is skipped), a text, a choice, a number. */
    public static Map<String, List<String>> validForm(String html) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("idempotencyKey", List.of(field(KEY, html)));
        form.put("startedAt", List.of(field(STARTED, html)));
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
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, Map<String, List<String>> form, String cookie) throws Exception {
        String body = form.entrySet().stream()
                .flatMap(field -> field.getValue().stream().map(value -> encode(field.getKey()) + "=" + encode(value)))
                .collect(Collectors.joining("&"));
        // A client's own claim to be someone else, which the gateway must ignore unless told it is behind a proxy.
        HttpRequest.Builder request = request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", "203.0.113.7")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            request.header("Cookie", cookie);
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

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
