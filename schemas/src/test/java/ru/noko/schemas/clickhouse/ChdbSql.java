package ru.noko.schemas.clickhouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs SQL on a current ClickHouse engine (26.x) embedded in Node through the npm package chdb
 * ({@code schemas/src/test/chdb}, installed by {@code ./noko setup}), the release docker-compose deploys.
 */
final class ChdbSql {

    record Result(String version, Map<String, List<List<String>>> rows) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChdbSql() {}

    /** Runs {@code statements} (name → SQL) in order in one fresh session; fails naming the first statement that fails. */
    static Result run(Map<String, String> statements) throws Exception {
        Path folder = Path.of(System.getProperty("noko.projectRoot", ".."), "schemas/src/test/chdb")
                .toAbsolutePath();
        if (!Files.isDirectory(folder.resolve("node_modules/chdb"))) {
            throw new IllegalStateException("chdb is not installed in " + folder + ": run ./noko setup");
        }
        Path input = Files.createTempFile("noko-chdb-", ".json");
        List<Map<String, String>> list = statements.entrySet().stream()
                .map(entry -> Map.of("name", entry.getKey(), "sql", entry.getValue()))
                .toList();
        JSON.writeValue(input.toFile(), list);
        Process node = new ProcessBuilder("node", folder.resolve("run-sql.mjs").toString(), input.toString())
                .redirectErrorStream(false)
                .start();
        String stdout = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!node.waitFor(120, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new IllegalStateException("chdb did not finish in 120 s");
        }
        Files.deleteIfExists(input);
        if (stdout.isBlank()) {
            throw new IllegalStateException("chdb printed nothing (exit " + node.exitValue() + "): " + stderr);
        }
        JsonNode output = JSON.readTree(stdout);
        if (!output.get("failed").isNull()) {
            throw new AssertionError(
                    "statement '" + output.get("failed").get("name").asText() + "' fails on ClickHouse "
                            + output.get("version").asText() + ": "
                            + output.get("failed").get("error").asText());
        }
        Map<String, List<List<String>>> rows = new LinkedHashMap<>();
        for (JsonNode result : output.get("results")) {
            rows.put(
                    result.get("name").asText(),
                    JSON.convertValue(
                            result.get("rows"),
                            JSON.getTypeFactory()
                                    .constructCollectionType(
                                            List.class,
                                            JSON.getTypeFactory().constructCollectionType(List.class, String.class))));
        }
        return new Result(output.get("version").asText(), rows);
    }
}
