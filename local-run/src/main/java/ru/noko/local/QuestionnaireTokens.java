package ru.noko.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client's side of the API's questionnaire: the gateway takes a response only with the submission token it gave
 * with the questionnaire ({@code GET /api/v1/surveys/{campaign}/{organization}?deviceToken=…}), for the response's
 * campaign, organization and device token. A token is good for many responses within its validity, so one is asked
 * for once per campaign, organization and device and then kept.
 */
public final class QuestionnaireTokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI gateway;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    public QuestionnaireTokens(HttpClient http, URI gateway) {
        this.http = http;
        this.gateway = gateway;
    }

    /** The token for responses of {@code device} (or none) to the campaign's questionnaire for the organization. */
    public String token(String campaign, String organization, String device) throws IOException, InterruptedException {
        String key = campaign + "|" + organization + "|" + (device == null ? "" : device);
        String known = tokens.get(key);
        if (known != null) {
            return known;
        }
        String query = device == null ? "" : "?deviceToken=" + URLEncoder.encode(device, StandardCharsets.UTF_8);
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(gateway.resolve("/api/v1/surveys/" + campaign + "/" + organization + query))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("no questionnaire for " + key + ": " + answer.statusCode() + " " + answer.body());
        }
        String token = JSON.readTree(answer.body()).get("submissionToken").asText();
        tokens.put(key, token);
        return token;
    }

    /** A response's JSON with the token its campaign, organization and device token need, written into the text. */
    public String signed(String body) throws IOException, InterruptedException {
        JsonNode response = JSON.readTree(body);
        String token = token(
                response.get("campaignId").asText(),
                response.get("organizationId").asText(),
                response.hasNonNull("deviceToken") ? response.get("deviceToken").asText() : null);
        int brace = body.indexOf('{');
        return body.substring(0, brace + 1) + "\"submissionToken\": \"" + token + "\", " + body.substring(brace + 1);
    }
}
