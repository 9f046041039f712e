package ru.noko.dashboards.queries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every ClickHouse query of the dashboards in {@code dashboards/json}: the panels' targets and the query variables, in
 * the order Grafana resolves them (variables first, in their order).
 */
final class ClickHouseSql {

    static final String PLUGIN = "grafana-clickhouse-datasource";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A dashboard: its uid, its time range, its variables and its ClickHouse panels. */
    record Dashboard(String uid, String from, String to, List<Variable> variables, List<Panel> panels) {}

    /** A query variable (SQL, whether it offers "All") or another kind (no SQL). */
    record Variable(String name, String sql, boolean includeAll, String allValue) {}

    record Panel(String title, String type, String sql) {}

    private ClickHouseSql() {}

    static List<Dashboard> load(Path folder) throws IOException {
        List<Dashboard> dashboards = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                dashboards.add(dashboard(JSON.readTree(file.toFile())));
            }
        }
        return dashboards;
    }

    private static Dashboard dashboard(JsonNode json) {
        List<Variable> variables = new ArrayList<>();
        for (JsonNode variable : json.path("templating").path("list")) {
            boolean clickHouse =
                    "query".equals(variable.path("type").asText()) && isClickHouse(variable.path("datasource"));
            JsonNode query = variable.path("query");
            String sql =
                    !clickHouse ? null : query.isObject() ? query.path("rawSql").asText() : query.asText();
            variables.add(new Variable(
                    variable.path("name").asText(),
                    sql,
                    variable.path("includeAll").asBoolean(),
                    variable.path("allValue").asText("")));
        }
        List<Panel> panels = new ArrayList<>();
        collect(json.path("panels"), panels);
        return new Dashboard(
                json.path("uid").asText(),
                json.path("time").path("from").asText("now-6h"),
                json.path("time").path("to").asText("now"),
                variables,
                panels);
    }

    private static void collect(JsonNode panels, List<Panel> out) {
        for (JsonNode panel : panels) {
            // A collapsed row keeps its panels inside it.
            collect(panel.path("panels"), out);
            for (JsonNode target : panel.path("targets")) {
                JsonNode datasource = target.has("datasource") ? target.get("datasource") : panel.path("datasource");
                if (isClickHouse(datasource)) {
                    out.add(new Panel(
                            panel.path("title").asText(),
                            panel.path("type").asText(),
                            target.path("rawSql").asText()));
                }
            }
        }
    }

    private static boolean isClickHouse(JsonNode datasource) {
        return PLUGIN.equals(datasource.path("type").asText());
    }
}
