package ru.noko.dashboards.queries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs SQL on the local ClickHouse server over HTTP, as Grafana's data source would (with the server's user and
 * password), and reads JSONCompact.
 */
final class ClickHouseHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final String database;
    private final String password;

    /** @param password the {@code default} user's (the local run's ClickHouse has one) */
    ClickHouseHttp(int port, String database, String password) {
        this.port = port;
        this.database = database;
        this.password = password;
    }

    QueryResult query(String sql) throws Exception {
        JsonNode output = JSON.readTree(text(sql + " FORMAT JSONCompact"));
        List<QueryResult.Column> columns = new ArrayList<>();
        output.get("meta")
                .forEach(column -> columns.add(new QueryResult.Column(
                        column.get("name").asText(), column.get("type").asText())));
        List<List<String>> rows = new ArrayList<>();
        output.get("data").forEach(row -> {
            List<String> values = new ArrayList<>();
            row.forEach(value -> values.add(value.isNull() ? null : value.asText()));
            rows.add(values);
        });
        return new QueryResult(columns, rows);
    }

    /** The query's output as the server formats it (for instance {@code FORMAT Values}). */
    String text(String sql) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/?database="
                        + URLEncoder.encode(database, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(60))
                .header("X-ClickHouse-User", "default")
                .header("X-ClickHouse-Key", password)
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new AssertionError("ClickHouse " + response.statusCode() + ": "
                    + response.body().strip());
        }
        return response.body();
    }
}
