package ru.noko.dashboards.queries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs statements on a current ClickHouse engine (chdb, the release docker-compose deploys) through the project's
 * script {@code schemas/src/test/chdb/run-sql.mjs}, installed by {@code ./noko setup}: one fresh session, in order.
 */
final class Chdb {

    record Outcome(String version, Map<String, QueryResult> results, String failedStatement, String error) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private Chdb() {}

    static Outcome run(Path projectRoot, Map<String, String> statements) throws Exception {
        Path folder = projectRoot.resolve("schemas/src/test/chdb");
        if (!Files.isDirectory(folder.resolve("node_modules/chdb"))) {
            throw new IllegalStateException("chdb is not installed in " + folder + ": run ./noko setup");
        }
        Path input = Files.createTempFile("noko-dashboards-chdb-", ".json");
        try {
            List<Map<String, String>> list = new ArrayList<>();
            statements.forEach((name, sql) -> list.add(Map.of("name", name, "sql", sql)));
            JSON.writeValue(input.toFile(), list);
            Process node = new ProcessBuilder(
                            "node", folder.resolve("run-sql.mjs").toString(), input.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String stdout = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!node.waitFor(300, TimeUnit.SECONDS)) {
                node.destroyForcibly();
                throw new IllegalStateException("chdb did not finish in 300 s");
            }
            if (stdout.isBlank()) {
                throw new IllegalStateException("chdb printed nothing (exit " + node.exitValue() + ")");
            }
            JsonNode output = JSON.readTree(stdout);
            Map<String, QueryResult> results = new LinkedHashMap<>();
            for (JsonNode result : output.get("results")) {
                List<QueryResult.Column> columns = new ArrayList<>();
                result.path("columns")
                        .forEach(column -> columns.add(new QueryResult.Column(
                                column.get("name").asText(), column.get("type").asText())));
                List<List<String>> rows = new ArrayList<>();
                result.get("rows").forEach(row -> {
                    List<String> values = new ArrayList<>();
                    row.forEach(value -> values.add(value.isNull() ? null : value.asText()));
                    rows.add(values);
                });
                results.put(result.get("name").asText(), new QueryResult(columns, rows));
            }
            JsonNode failed = output.get("failed");
            return new Outcome(
                    output.get("version").asText(),
                    results,
                    failed.isNull() ? null : failed.get("name").asText(),
                    failed.isNull() ? null : failed.get("error").asText());
        } finally {
            Files.deleteIfExists(input);
        }
    }
}
