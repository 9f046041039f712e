package ru.noko.dashboards.queries;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.DevStack;
import ru.noko.devstack.chdb.CurrentClickHouse;
import ru.noko.local.DemoCampaign;
import ru.noko.local.LocalSettings;
import ru.noko.local.LocalSystem;
import ru.noko.schemas.clickhouse.Migration;
import ru.noko.schemas.clickhouse.MigrationCatalog;

/**
 * Every ClickHouse query of every dashboard — the query variables and the panels, with the variables and the plugin's
 * macros substituted — runs over tables our migrations created and the demo campaigns filled (through the whole local
 * system: Kafka, the Flink job, ClickHouse 18.16), returns rows, and returns the columns its visualization draws. Each
 * variable is tried at its default ("All" where offered) and at its first concrete value. The same queries then run on
 * a current ClickHouse (chdb) over a copy of the same tables, so the server deployment's analysts see the same panels.
 */
class DashboardQueriesTest {

    private static final String DATABASE = "noko_dashboards";
    private static final Path ROOT =
            Path.of(System.getProperty("noko.projectRoot", "..")).toAbsolutePath();

    private static LocalSystem system;
    private static ClickHouseHttp clickHouse;
    private static List<ClickHouseSql.Dashboard> dashboards;

    /**
     * One query as a dashboard sends it, for one choice of the variables; {@code mustHaveRows} at the defaults, where
     * the demo shows every panel something (a single municipality may rightly have no IP burst).
     */
    record Sent(String where, String panelType, String sql, boolean mustHaveRows) {}

    @BeforeAll
    static void demoCampaignsThroughTheLocalSystem() throws Exception {
        dashboards = ClickHouseSql.load(ROOT.resolve("dashboards/json"));
        LocalSettings settings = LocalSettings.onFreePorts(
                DevStack.scratch("dashboards"),
                Path.of(System.getProperty("noko.gatewayJar", "missing")),
                Path.of(System.getProperty("noko.portalJar", "missing")),
                DATABASE,
                LocalSettings.PARTITIONS,
                "dashboards-key-0123456789-0123456789-0123456789");
        system = new LocalSystem(settings).start();
        clickHouse = new ClickHouseHttp(
                settings.clickHouseHttpPort(),
                DATABASE,
                system.clickHouseTarget().password());
        int responses = DemoCampaign.publish(system.kafkaBootstrapServers());
        awaitVerdicts(responses);
        awaitSettledFigures();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void everyPanelAndVariableReturnsRowsItsVisualizationCanDrawOnTheLocalServer() throws Exception {
        assertThat(dashboards).hasSizeGreaterThanOrEqualTo(5);
        List<String> problems = new ArrayList<>();
        for (Sent sent : everyQuerySent(problems)) {
            try {
                check(sent, clickHouse.query(sent.sql()), problems);
            } catch (AssertionError | Exception e) {
                problems.add(sent.where() + ": fails on ClickHouse 18.16: " + e.getMessage() + "\n    " + sent.sql());
            }
        }
        assertThat(problems).as("dashboard queries on the local server").isEmpty();
    }

    @Test
    void theSameQueriesRunOnACurrentClickHouseAndReturnAsManyRows() throws Exception {
        List<String> problems = new ArrayList<>();
        List<Sent> sent = everyQuerySent(problems);
        Map<String, String> statements = new LinkedHashMap<>();
        statements.put("allow the copied tables' size", "SET max_query_size = 268435456");
        for (Migration migration : MigrationCatalog.load()) {
            List<String> parts = migration.statements();
            for (int i = 0; i < parts.size(); i++) {
                statements.put("V%03d #%d".formatted(migration.version(), i + 1), parts.get(i));
            }
        }
        for (String table : clickHouse.text("SHOW TABLES").strip().split("\n")) {
            String rows = table.equals("schema_migrations")
                    ? ""
                    : clickHouse.text("SELECT * FROM " + table + " FORMAT Values");
            if (!rows.isBlank()) {
                statements.put("copy " + table, "INSERT INTO " + table + " VALUES " + rows);
            }
        }
        Map<String, QueryResult> onLocalServer = new LinkedHashMap<>();
        for (int i = 0; i < sent.size(); i++) {
            statements.put("query " + i, sent.get(i).sql());
            onLocalServer.put("query " + i, clickHouse.query(sent.get(i).sql()));
        }

        CurrentClickHouse.Outcome current = CurrentClickHouse.run(ROOT, statements);

        if (current.failedStatement() != null) {
            String name = current.failedStatement();
            String where = name.startsWith("query ")
                    ? sent.get(Integer.parseInt(name.substring(6))).where()
                    : name;
            problems.add(where + ": fails on ClickHouse " + current.version() + ": " + current.error());
        }
        for (int i = 0; i < sent.size() && current.failedStatement() == null; i++) {
            QueryResult result = QueryResult.of(current.results().get("query " + i));
            check(sent.get(i), result, problems);
            if (result.rows().size() != onLocalServer.get("query " + i).rows().size()) {
                problems.add(
                        sent.get(i).where() + ": " + result.rows().size() + " rows on ClickHouse " + current.version()
                                + ", " + onLocalServer.get("query " + i).rows().size() + " on 18.16");
            }
        }
        assertThat(current.version()).as("chdb's engine").doesNotStartWith("18.");
        assertThat(problems).as("dashboard queries on a current ClickHouse").isEmpty();
    }

    /**
     * The dashboards show the ministry's export's figures: the НОКО campaign exported from the same ClickHouse, and
     * every organization's K1–K5, S and level, every municipality's and the region's means and levels, the region's
     * coverage and the organizations per level, compared value for value with the panels at their defaults.
     */
    @Test
    void theDashboardsShowTheExportsFiguresValueForValue() throws Exception {
        String campaign = "demo-2026-noko";
        Path exports = DevStack.scratch("dashboards-export");
        var known = system.campaigns().find(campaign).orElseThrow();
        java.time.Instant cutOff = Instant.now();
        Path folder = new ru.noko.export.ranking.Exporter(exports, "dashboards test")
                .export(
                        known,
                        ru.noko.export.inputs.StoredInputs.read(system.clickHouseTarget(), known, cutOff),
                        cutOff);
        List<String> problems = new ArrayList<>();
        int compared = 0;
        List<String> regions = csv(folder.resolve("regions.csv")).stream()
                .map(row -> row.get("Регион"))
                .distinct()
                .toList();
        // The dashboards show one region at a time: each in turn.
        for (String shownRegion : regions) {
            List<Map<String, String>> organizations = csv(folder.resolve("organizations.csv")).stream()
                    .filter(row -> row.get("Регион").equals(shownRegion))
                    .toList();
            List<Map<String, String>> municipalities = csv(folder.resolve("municipalities.csv")).stream()
                    .filter(row -> row.get("Тип организаций").equals("все типы")
                            && row.get("Регион").equals(shownRegion))
                    .toList();
            Map<String, String> region = csv(folder.resolve("regions.csv")).stream()
                    .filter(row -> row.get("Тип организаций").equals("все типы")
                            && row.get("Регион").equals(shownRegion))
                    .findFirst()
                    .orElseThrow();
            List<String> figures = List.of("K1", "K2", "K3", "K4", "K5", "S");

            Map<String, Map<String, String>> byOrganization = new LinkedHashMap<>();
            for (Map<String, String> row :
                    panel(shownRegion, "noko-results", "Организации: К1–К5, S и уровень", campaign)) {
                byOrganization.put(row.get("Организация") + "\n" + row.get("Муниципалитет"), row);
            }
            for (Map<String, String> expected : organizations) {
                Map<String, String> shown =
                        byOrganization.get(expected.get("Организация") + "\n" + expected.get("Муниципалитет"));
                if (shown == null) {
                    problems.add("no dashboard row for " + expected.get("Организация"));
                    continue;
                }
                for (String figure : figures) {
                    compared += same(
                            problems,
                            expected.get("Организация") + " " + figure,
                            expected.get(figure),
                            shown.get(cyrillic(figure)));
                }
                compared += same(
                        problems,
                        expected.get("Организация") + " level",
                        expected.get("Уровень"),
                        // The dashboard says «нет оценки» where the export leaves the level empty.
                        shown.get("Уровень").replace("нет оценки", ""));
            }
            Map<String, Map<String, String>> byMunicipality = new LinkedHashMap<>();
            for (Map<String, String> row : panel(
                    shownRegion, "noko-results", "Муниципалитеты: К1–К5 и S (среднее по организациям)", campaign)) {
                byMunicipality.put(row.get("Муниципалитет"), row);
            }
            for (Map<String, String> expected : municipalities) {
                Map<String, String> shown = byMunicipality.get(expected.get("Муниципалитет"));
                if (shown == null) {
                    problems.add("no dashboard row for " + expected.get("Муниципалитет"));
                    continue;
                }
                for (String figure : figures) {
                    compared += same(
                            problems,
                            expected.get("Муниципалитет") + " " + figure,
                            expected.get(figure),
                            shown.get(cyrillic(figure)));
                }
                compared += same(
                        problems,
                        expected.get("Муниципалитет") + " level",
                        expected.get("Уровень"),
                        shown.get("Уровень"));
            }
            for (Map<String, String> row :
                    panel(shownRegion, "noko-results", "Критерии и итоговый балл по региону", campaign)) {
                compared += same(
                        problems,
                        "region " + row.get("Код"),
                        region.get(row.get("Код")),
                        row.get("Среднее по организациям"));
                if (row.get("Код").equals("S")) {
                    compared += same(problems, "region level", region.get("Уровень"), row.get("Уровень региона"));
                }
            }
            String coverage = new java.math.BigDecimal(region.get("Охват контингента"))
                    .movePointRight(2)
                    .toPlainString();
            compared += same(
                    problems,
                    "region coverage",
                    coverage,
                    panel(shownRegion, "noko-progress", "Охват выбранной территории, %", campaign)
                            .get(0)
                            .get("Охват, %"));
            Map<String, Long> levels = new LinkedHashMap<>();
            organizations.forEach(row ->
                    levels.merge(row.get("Уровень").isEmpty() ? "нет оценки" : row.get("Уровень"), 1L, Long::sum));
            for (Map<String, String> row : panel(shownRegion, "noko-results", "Организации по уровням", campaign)) {
                compared += same(
                        problems,
                        "organizations at " + row.get("Уровень"),
                        String.valueOf(levels.getOrDefault(row.get("Уровень"), 0L)),
                        row.get("Организаций"));
            }
        }
        assertThat(problems).as("dashboard figures against the export").isEmpty();
        assertThat(regions).hasSize(2);
        assertThat(compared).as("figures compared").isGreaterThan(40 * 7 + 2 * 6);
    }

    /**
     * One panel's rows at the dashboard's defaults, with the given campaign and region, by column name.
     */
    private static List<Map<String, String>> panel(String region, String uid, String title, String campaign)
            throws Exception {
        ClickHouseSql.Dashboard dashboard =
                dashboards.stream().filter(d -> d.uid().equals(uid)).findFirst().orElseThrow();
        Instant now = Instant.now();
        Instant from = Interpolation.relative(dashboard.from(), now);
        Instant to = Interpolation.relative(dashboard.to(), now);
        Map<String, String> values = new LinkedHashMap<>();
        for (ClickHouseSql.Variable variable : dashboard.variables()) {
            if (variable.sql() == null) {
                values.put(variable.name(), "");
            } else if (variable.name().equals("campaign")) {
                values.put("campaign", campaign);
            } else if (variable.name().equals("region")) {
                values.put("region", region);
            } else if (variable.includeAll()) {
                values.put(variable.name(), variable.allValue());
            } else {
                values.put(
                        variable.name(),
                        clickHouse
                                .query(new Interpolation(values, from, to).apply(variable.sql()))
                                .rows()
                                .get(0)
                                .get(0));
            }
        }
        ClickHouseSql.Panel panel = dashboard.panels().stream()
                .filter(p -> p.title().equals(title))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no panel «" + title + "» in " + uid));
        QueryResult result = clickHouse.query(new Interpolation(values, from, to).apply(panel.sql()));
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> row : result.rows()) {
            Map<String, String> named = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
                named.put(result.columns().get(i).name(), row.get(i));
            }
            rows.add(named);
        }
        return rows;
    }

    /** Equal as numbers where both are, as text otherwise; null and empty are the same (no value). */
    private static int same(List<String> problems, String what, String expected, String shown) {
        String e = expected == null ? "" : expected;
        String s = shown == null || shown.equals("null") ? "" : shown;
        boolean equal;
        try {
            equal = new java.math.BigDecimal(e).compareTo(new java.math.BigDecimal(s)) == 0;
        } catch (NumberFormatException notNumbers) {
            equal = e.equals(s);
        }
        if (!equal) {
            problems.add(what + ": export " + e + ", dashboard " + s);
        }
        return 1;
    }

    /** The dashboards name the criteria К1–К5 as the methodology writes them (Cyrillic К); the export's CSV in Latin. */
    private static String cyrillic(String figure) {
        return figure.replace('K', 'К');
    }

    private static List<Map<String, String>> csv(Path file) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        try (var reader = java.nio.file.Files.newBufferedReader(file)) {
            for (var record : org.apache.commons.csv.CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .build()
                    .parse(reader)) {
                rows.add(record.toMap());
            }
        }
        return rows;
    }

    @Test
    void theRegistrySelfAssessmentsAndCampaignsTheDashboardsJoinAreInClickHouse() throws Exception {
        assertThat(clickHouse
                        .query(
                                "SELECT count(), countIf(name != '' AND inn != '' AND region != '') FROM organizations FINAL")
                        .rows())
                .containsExactly(List.of("40", "40"));
        assertThat(clickHouse
                        .query("SELECT contingent FROM organizations FINAL WHERE organization_id = 'gen-org-0'")
                        .rows())
                .containsExactly(List.of("{\"deputy\":2,\"director\":1,\"parent\":60,\"student\":30,\"teacher\":20}"));
        // The generator files four organizations in five for this year, the demo three in four for last year.
        assertThat(clickHouse
                        .query("SELECT campaign_id, count() FROM self_assessments FINAL GROUP BY campaign_id"
                                + " ORDER BY campaign_id")
                        .rows())
                .containsExactly(List.of("demo-2025-noko", "30"), List.of("demo-2026-noko", "32"));
        assertThat(clickHouse
                        .query("SELECT campaign_id, previous_campaign_id FROM campaigns FINAL WHERE campaign_id"
                                + " LIKE 'demo-%-noko' ORDER BY campaign_id")
                        .rows())
                .containsExactly(List.of("demo-2025-noko", ""), List.of("demo-2026-noko", "demo-2025-noko"));
    }

    @Test
    void theDemoLeavesNoInternalRowsInTheAnalystsTables() throws Exception {
        for (String table : List.of("survey_responses", "response_verdicts")) {
            assertThat(clickHouse
                            .query("SELECT count() FROM " + table + " FINAL WHERE campaign_id NOT IN"
                                    + " (SELECT campaign_id FROM campaigns)")
                            .rows()
                            .get(0)
                            .get(0))
                    .as("rows of " + table + " outside every campaign (a watermark marker, a heartbeat)")
                    .isEqualTo("0");
        }
    }

    /**
     * Every query the dashboards send for two choices of the variables: each at its default ("All" where offered, else
     * the first value its query returns), then each at the first value its query returns. A variable query that returns
     * nothing is a problem (its dashboard would have nothing to choose), and so is a panel without rows at the defaults.
     */
    private static List<Sent> everyQuerySent(List<String> problems) throws Exception {
        List<Sent> sent = new ArrayList<>();
        Instant now = Instant.now();
        for (ClickHouseSql.Dashboard dashboard : dashboards) {
            Instant from = Interpolation.relative(dashboard.from(), now);
            Instant to = Interpolation.relative(dashboard.to(), now);
            for (boolean concrete : new boolean[] {false, true}) {
                String choice = concrete ? "first values" : "defaults";
                Map<String, String> values = new LinkedHashMap<>();
                for (ClickHouseSql.Variable variable : dashboard.variables()) {
                    if (variable.sql() == null) {
                        values.put(variable.name(), "");
                        continue;
                    }
                    String sql = new Interpolation(values, from, to).apply(variable.sql());
                    sent.add(new Sent(
                            dashboard.uid() + " variable $" + variable.name() + " (" + choice + ")",
                            "table",
                            sql,
                            true));
                    List<List<String>> rows = clickHouse.query(sql).rows();
                    if (rows.isEmpty()) {
                        problems.add(
                                dashboard.uid() + " variable $" + variable.name() + " (" + choice + "): no values");
                        values.put(variable.name(), "");
                    } else {
                        values.put(
                                variable.name(),
                                variable.includeAll() && !concrete
                                        ? variable.allValue()
                                        : rows.get(0).get(0));
                    }
                }
                Interpolation interpolation = new Interpolation(values, from, to);
                for (ClickHouseSql.Panel panel : dashboard.panels()) {
                    sent.add(new Sent(
                            dashboard.uid() + " «" + panel.title() + "» (" + choice + " " + values + ")",
                            panel.type(),
                            interpolation.apply(panel.sql()),
                            !concrete));
                }
            }
        }
        return sent;
    }

    private static void check(Sent sent, QueryResult result, List<String> problems) {
        if (result.rows().isEmpty()) {
            if (sent.mustHaveRows()) {
                problems.add(sent.where() + ": no rows on the demo\n    " + sent.sql());
            }
            return;
        }
        String shape = Visualization.problem(sent.panelType(), result);
        if (shape != null) {
            problems.add(sent.where() + ": " + shape);
        }
    }

    private static void awaitVerdicts(int responses) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        String count = "";
        while (Instant.now().isBefore(deadline)) {
            count = clickHouse
                    .query("SELECT count() FROM response_verdicts FINAL")
                    .rows()
                    .get(0)
                    .get(0);
            if (Integer.parseInt(count) == responses) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the demo's " + responses + " responses have " + count + " verdicts after 4 minutes");
    }

    /** The live figures are written on checkpoints: settled when no table of them grows for four polls (8 s, longer than NOKO_SINK_FLUSH_INTERVAL). */
    private static void awaitSettledFigures() throws Exception {
        String tables = "SELECT (SELECT count() FROM organization_results), (SELECT count() FROM territory_results),"
                + " (SELECT count() FROM organization_coverage), (SELECT count() FROM territory_coverage),"
                + " (SELECT count() FROM organizations), (SELECT count() FROM self_assessments)";
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        List<String> last = List.of();
        int unchanged = 0;
        while (unchanged < 4 && Instant.now().isBefore(deadline)) {
            Thread.sleep(2000);
            List<String> counts = clickHouse.query(tables).rows().get(0);
            unchanged = counts.equals(last) && !counts.contains("0") ? unchanged + 1 : 0;
            last = counts;
        }
    }
}
