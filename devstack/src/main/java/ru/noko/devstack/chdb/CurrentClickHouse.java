package ru.noko.devstack.chdb;

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
 * Runs SQL on a current ClickHouse engine (26.x), the release docker-compose deploys, embedded in Node through the npm
 * package chdb ({@code schemas/src/test/chdb}, installed by {@code ./noko setup}): the tests' proof that the SQL
 * written for the local 18.16 also runs on today's ClickHouse.
 */
public final class CurrentClickHouse {

    /** A result column: its name and ClickHouse type. */
    public record Column(String name, String type) {}

    /** What one statement returned; every value as text, null for NULL. */
    public record Table(List<Column> columns, List<List<String>> rows) {}

    /**
     * How a run went: the engine's version, each statement's result up to the first that failed, and that one's name
     * and error (both null when none failed).
     */
    public record Outcome(String version, Map<String, Table> results, String failedStatement, String error) {

        public boolean failed() {
            return failedStatement != null;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 300;

    private CurrentClickHouse() {}

    /** Runs {@code statements} (name → SQL) in order, in one fresh session. */
    public static Outcome run(Path projectRoot, Map<String, String> statements) throws Exception {
        Path folder = projectRoot.resolve("schemas/src/test/chdb").toAbsolutePath();
        if (!Files.isDirectory(folder.resolve("node_modules/chdb"))) {
            throw new IllegalStateException("chdb is not installed in " + folder + ": run ./noko setup");
        }
        Path input = Files.createTempFile("noko-chdb-", ".json");
        try {
            List<Map<String, String>> list = new ArrayList<>();
            statements.forEach((name, sql) -> list.add(Map.of("name", name, "sql", sql)));
            JSON.writeValue(input.toFile(), list);
            Path errors = Files.createTempFile("noko-chdb-", ".err");
            Process node = new ProcessBuilder(
                            "node", folder.resolve("run-sql.mjs").toString(), input.toString())
                    .redirectError(errors.toFile())
                    .start();
            String stdout = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                node.destroyForcibly();
                throw new IllegalStateException("chdb did not finish in " + TIMEOUT_SECONDS + " s");
            }
            String stderr = Files.readString(errors);
            Files.deleteIfExists(errors);
            if (stdout.isBlank()) {
                throw new IllegalStateException("chdb printed nothing (exit " + node.exitValue() + "): " + stderr);
            }
            return outcome(JSON.readTree(stdout));
        } finally {
            Files.deleteIfExists(input);
        }
    }

    private static Outcome outcome(JsonNode output) {
        Map<String, Table> results = new LinkedHashMap<>();
        for (JsonNode result : output.get("results")) {
            List<Column> columns = new ArrayList<>();
            result.path("columns")
                    .forEach(column -> columns.add(new Column(
                            column.get("name").asText(), column.get("type").asText())));
            List<List<String>> rows = new ArrayList<>();
            result.get("rows").forEach(row -> {
                List<String> values = new ArrayList<>();
                row.forEach(value -> values.add(value.isNull() ? null : value.asText()));
                rows.add(values);
            });
            results.put(result.get("name").asText(), new Table(columns, rows));
        }
        JsonNode failed = output.get("failed");
        return new Outcome(
                output.get("version").asText(),
                results,
                failed.isNull() ? null : failed.get("name").asText(),
                failed.isNull() ? null : failed.get("error").asText());
    }
}
