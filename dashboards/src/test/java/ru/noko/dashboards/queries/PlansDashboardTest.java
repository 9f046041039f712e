package ru.noko.dashboards.queries;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.DevStack;
import ru.noko.devstack.postgres.PostgresServer;

/**
 * «Планы по устранению недостатков» reads the portal's PostgreSQL: its every query, with the variables substituted as
 * Grafana does, runs on a database the portal's own migrations made, over plans in every state, and gives the counts
 * the plans hold — only approved plans, each measure done, in progress or overdue by its dates, per municipality and
 * criterion. The view it reads names nobody.
 */
class PlansDashboardTest {

    private static final Path ROOT =
            Path.of(System.getProperty("noko.projectRoot", "..")).toAbsolutePath();
    private static final String SCHEMA = "plans_dashboard";
    private static JsonNode dashboard;
    private static String url;
    private static PostgresServer postgres;

    @BeforeAll
    static void plansInEveryState() throws Exception {
        dashboard = new ObjectMapper()
                .readTree(ROOT.resolve("dashboards/json/plans.json").toFile());
        postgres = DevStack.postgres();
        url = postgres.jdbcUrl() + (postgres.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
        Flyway.configure()
                .dataSource(url, postgres.user(), postgres.password())
                .schemas(SCHEMA)
                .locations("filesystem:" + ROOT.resolve("portal/src/main/resources/db/migration"))
                .cleanDisabled(false)
                .load()
                .clean();
        Flyway.configure()
                .dataSource(url, postgres.user(), postgres.password())
                .schemas(SCHEMA)
                .locations("filesystem:" + ROOT.resolve("portal/src/main/resources/db/migration"))
                .load()
                .migrate();
        LocalDate today = LocalDate.now();
        try (Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
                Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO organizations (id, name, inn, type, municipality, region, contingent) VALUES"
                    + " ('a', 'Школа А', '3808012348', 'general', 'г. Иркутск', 'Иркутская область', '{}'),"
                    + " ('b', 'Школа Б', '3808012355', 'general', 'г. Ангарск', 'Иркутская область', '{}'),"
                    + " ('c', 'Школа В', '5001007329', 'general', 'г. Ангарск', 'Иркутская область', '{}')");
            sql.execute("INSERT INTO improvement_plans (campaign_id, organization_id, state, updated_by) VALUES"
                    + " ('k', 'a', 'APPROVED', 't'), ('k', 'b', 'APPROVED', 't'), ('k', 'c', 'SUBMITTED', 't')");
            String past = "'" + today.minusDays(5) + "'";
            String future = "'" + today.plusDays(30) + "'";
            sql.execute("INSERT INTO improvement_measures (campaign_id, organization_id, criterion, deficiency,"
                    + " planned_date, actual_date, responsible_name) VALUES"
                    + " ('k', 'a', 'K1', 'стенд', " + past + ", " + past + ", 'Иванова'),"
                    + " ('k', 'a', 'K1', 'сайт', " + past + ", NULL, 'Иванова'),"
                    + " ('k', 'a', 'K3', 'пандус', " + future + ", NULL, 'Петров'),"
                    + " ('k', 'b', 'K3', 'поручни', " + past + ", NULL, 'Сидоров'),"
                    + " ('k', 'c', 'K2', 'не утверждено', " + past + ", NULL, 'Орлова')");
        }
    }

    @Test
    void theStatsCountOnlyApprovedPlansMeasuresByTheirDates() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("type").asText().equals("stat")) {
                List<Map<String, Object>> rows = run(panel, "k", "__all");
                assertThat(rows).as(panel.path("title").asText()).hasSize(1);
                figures.put(
                        panel.path("title").asText(),
                        rows.get(0).values().iterator().next());
            }
        }
        assertThat(figures)
                .containsEntry("Мероприятий в утверждённых планах", 4L)
                .containsEntry("Выполнено", 1L)
                .containsEntry("В работе", 1L)
                .containsEntry("Просрочено", 2L);
    }

    @Test
    void everyPanelRunsForTheRegionAndForOneMunicipalityWithRussianColumns() throws Exception {
        for (JsonNode panel : dashboard.path("panels")) {
            for (String municipality : List.of("__all", "г. Ангарск")) {
                List<Map<String, Object>> rows = run(panel, "k", municipality);
                assertThat(rows)
                        .as(panel.path("title").asText() + " / " + municipality)
                        .isNotEmpty();
                for (String column : rows.get(0).keySet()) {
                    assertThat(column)
                            .as("every name an analyst reads is Russian")
                            .matches("[А-Яа-яЁё ]+");
                }
            }
        }
        Map<String, Object> angarsk = run(panel("Мероприятия по муниципалитетам и критериям"), "k", "г. Ангарск")
                .get(0);
        assertThat(angarsk)
                .as("the submitted plan of г. Ангарск is not counted")
                .containsEntry("Муниципалитет", "г. Ангарск")
                .containsEntry("Критерий", "K3")
                .containsEntry("Просрочено", 1L);
        List<Map<String, Object>> overdue = run(panel("Просроченные мероприятия по критериям"), "k", "__all");
        assertThat(overdue).extracting(row -> row.get("Критерий")).containsExactly("K1", "K2", "K3", "K4", "K5");
        assertThat(overdue).extracting(row -> row.get("Просрочено")).containsExactly(1L, 0L, 1L, 0L, 0L);
    }

    @Test
    void theVariablesOfferTheCampaignsAndMunicipalitiesThatHavePlans() throws Exception {
        List<String> campaigns = new ArrayList<>();
        List<String> municipalities = new ArrayList<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("name").asText().equals("campaign")) {
                run(variable.path("query").asText(), "k", "__all")
                        .forEach(r ->
                                campaigns.add((String) r.values().iterator().next()));
            }
            if (variable.path("name").asText().equals("municipality")) {
                run(variable.path("query").asText(), "k", "__all")
                        .forEach(r -> municipalities.add(
                                (String) r.values().iterator().next()));
            }
        }
        assertThat(campaigns).containsExactly("k");
        assertThat(municipalities).containsExactly("г. Ангарск", "г. Иркутск");
    }

    @Test
    void theViewGrafanaReadsHasNoPersonsName() throws Exception {
        List<Map<String, Object>> rows = run("SELECT * FROM plan_measures_report", "k", "__all");
        assertThat(rows).isNotEmpty();
        assertThat(rows.get(0).keySet()).doesNotContain("responsible_name", "responsible_position");
        assertThat(rows.toString()).doesNotContain("Иванова", "Петров", "Сидоров");
    }

    private static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static JsonNode panel(String title) {
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("title").asText().equals(title)) {
                return panel;
            }
        }
        throw new AssertionError("no panel " + title);
    }

    private static List<Map<String, Object>> run(JsonNode panel, String campaign, String municipality)
            throws Exception {
        assertThat(panel.path("datasource").path("type").asText()).isEqualTo("grafana-postgresql-datasource");
        return run(panel.path("targets").get(0).path("rawSql").asText(), campaign, municipality);
    }

    /** The query as Grafana sends it: {@code ${name:sqlstring}} becomes the value quoted as an SQL string. */
    private static List<Map<String, Object>> run(String sql, String campaign, String municipality) throws Exception {
        assertThat(sql).as("variables only as quoted strings").doesNotContain("'${");
        String sent = sql.replace("${campaign:sqlstring}", quoted(campaign))
                .replace("${municipality:sqlstring}", quoted(municipality));
        assertThat(sent).doesNotContain("${");
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sent)) {
            ResultSetMetaData columns = result.getMetaData();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    row.put(columns.getColumnLabel(i), result.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
