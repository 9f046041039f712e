package ru.noko.portal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import ru.noko.devstack.DevStack;
import ru.noko.portal.PortalBrowser;
import ru.noko.portal.PortalStack;
import ru.noko.portal.TestData;
import ru.noko.publication.ResultsPublisher;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/**
 * An improvement plan from proposal to its public page, on real PostgreSQL and ClickHouse, with the portal's
 * authorization matrix: publishing proposes a draft per organization from its weak indicators; the organization
 * completes, saves and submits its own; another municipality can neither see nor approve it; its own municipality
 * returns it with a comment, then approves it; the approved plan and its progress appear on the public page, an
 * overdue measure marked; the ministry downloads every plan as XLSX.
 */
class ImprovementPlansTest extends PortalStack {

    private static final String CAMPAIGN = TestData.CAMPAIGN;
    private static final String PLAN = "/organization/plans/" + CAMPAIGN;

    @Autowired
    ResultsPublisher publisher;

    @Autowired
    PlanStatusRefresh refresh;

    private final ClickHouseTarget clickHouse =
            ClickHouseTarget.local(DevStack.clickHouse().tcpPort(), CLICKHOUSE_DATABASE);

    @BeforeEach
    void theSchoolsHaveAnswersAndTheResultsArePublished() throws Exception {
        publisher.withdraw(CAMPAIGN);
        try (Connection connection = clickHouse.connect();
                Statement sql = connection.createStatement()) {
            sql.execute("TRUNCATE TABLE organizations");
            for (String school : List.of(TestData.SCHOOL_A, TestData.SCHOOL_B, TestData.SCHOOL_ELSEWHERE)) {
                sql.execute("INSERT INTO organizations (organization_id, name, inn, organization_type, municipality,"
                        + " region, contingent, version) VALUES ('" + school + "', 'Школа " + school
                        + "', '3808012348',"
                        + " 'general', '" + (school.equals(TestData.SCHOOL_ELSEWHERE) ? TestData.TOWN : TestData.CITY)
                        + "', 'Иркутская область', '{\"parent\": 40}', 1)");
                for (int i = 0; i < 3; i++) {
                    String id = "plan-" + school + "-" + i;
                    String at = "'2026-02-10 10:00:0" + i + "'";
                    long ms = Instant.parse("2026-02-10T10:00:0" + i + "Z").toEpochMilli();
                    sql.execute("INSERT INTO survey_responses (response_id, campaign_id, organization_id,"
                            + " respondent_role, answers, started_at, submitted_at, received_at, ip_hmac, user_agent,"
                            + " device_token, email_hmac, kafka_partition, kafka_offset, started_at_ms,"
                            + " submitted_at_ms, received_at_ms) VALUES ('" + id + "', '" + CAMPAIGN + "', '" + school
                            + "', 'parent', '{\"q1\": true, \"q2\": false, \"q3\": false}', " + at + ", " + at + ", "
                            + at + ", 'h', 'ua', '', '', 0, " + i + ", " + ms + ", " + ms + ", " + ms + ")");
                    sql.execute("INSERT INTO response_verdicts (response_id, campaign_id, organization_id,"
                            + " respondent_role, submitted_at, received_at, verdict, rejections, flags, version,"
                            + " checked_by) VALUES ('" + id + "', '" + CAMPAIGN + "', '" + school + "', 'parent', " + at
                            + ", " + at + ", 'accepted', '', '', 0, 'live')");
                }
            }
        }
        HttpResponse<String> published = signedIn(OPERATOR)
                .post("/operator/publication/" + CAMPAIGN, Map.of("cutOff", "2026-03-01T00:00", "threshold", "100"));
        assertThat(published.statusCode()).isEqualTo(302);
    }

    @AfterEach
    void withdrawn() throws Exception {
        publisher.withdraw(CAMPAIGN);
    }

    @Test
    void publishingProposesADraftFromTheWeakIndicatorsForEveryOrganization() throws Exception {
        PortalBrowser school = signedIn(TestData.SCHOOL_A);
        String page = school.get(PLAN).body();
        assertThat(page).contains("черновик").contains("при пороге 100,00");
        assertThat(proposed(page)).as("rows proposed by indicators below 100").isNotEmpty();
        assertThat(signedIn(TestData.SCHOOL_ELSEWHERE).get(PLAN).body())
                .as("every organization gets its own")
                .contains("при пороге 100,00");
        assertThat(school.post(PLAN, form(proposed(page), "", false)).statusCode())
                .as("saving the proposal as it is")
                .isEqualTo(302);
    }

    @Test
    void theOrganizationSubmitsItsMunicipalityReturnsAndApprovesAndTheProgressGoesPublic() throws Exception {
        PortalBrowser school = signedIn(TestData.SCHOOL_A);
        List<String[]> rows = proposed(school.get(PLAN).body());

        HttpResponse<String> incomplete = school.post(PLAN, form(rows, "", true));
        assertThat(incomplete.statusCode())
                .as("submitted without measures and dates")
                .isEqualTo(422);
        assertThat(incomplete.body()).contains("Строка 1 (K").contains("не указано мероприятие");

        String past = LocalDate.now().minusDays(10).toString();
        HttpResponse<String> submitted = school.post(PLAN, form(rows, past, true));
        assertThat(submitted.statusCode()).isEqualTo(302);
        assertThat(school.get(PLAN).body()).contains("на рассмотрении");
        assertThat(school.post(PLAN, form(rows, past, false)).statusCode())
                .as("a plan under review does not change")
                .isEqualTo(422);

        String review = "/municipality/organizations/" + TestData.SCHOOL_A + "/plans/" + CAMPAIGN;
        PortalBrowser town = signedIn("analyst-town");
        assertThat(town.get(review).statusCode())
                .as("another municipality's organization")
                .isEqualTo(403);
        assertThat(town.post(review + "/approve", Map.of()).statusCode()).isEqualTo(403);
        assertThat(signedIn(TestData.SCHOOL_B)
                        .get("/operator/organizations/" + TestData.SCHOOL_A + "/plans/" + CAMPAIGN)
                        .statusCode())
                .isEqualTo(403);

        PortalBrowser city = signedIn("analyst-city");
        assertThat(city.post(review + "/return", Map.of("comment", " ")).statusCode())
                .as("a return needs a comment")
                .isEqualTo(422);
        assertThat(city.post(review + "/return", Map.of("comment", "Уточните сроки"))
                        .statusCode())
                .isEqualTo(302);
        String returned = school.get(PLAN).body();
        assertThat(returned).contains("возвращён на доработку").contains("Уточните сроки");

        assertThat(school.post(PLAN, form(rows, past, true)).statusCode()).isEqualTo(302);
        assertThat(city.post(review + "/approve", Map.of()).statusCode()).isEqualTo(302);
        assertThat(city.get(review).body()).contains("утверждён");

        HttpResponse<String> listed = signedIn(OPERATOR).get("/operator/plans?campaign=" + CAMPAIGN);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body())
                .contains("data-organization=\"" + TestData.SCHOOL_A + "\"")
                .contains("утверждён")
                .contains("data-organization=\"" + TestData.SCHOOL_ELSEWHERE + "\"");
        assertThat(city.get("/municipality/plans").body())
                .as("a municipality lists its own organizations' plans")
                .contains("data-organization=\"" + TestData.SCHOOL_A + "\"")
                .doesNotContain("data-organization=\"" + TestData.SCHOOL_ELSEWHERE + "\"");

        HttpResponse<String> publicPage = browser().get("/results/" + CAMPAIGN + "/o/" + TestData.SCHOOL_A + ".html");
        assertThat(publicPage.body())
                .contains("План по устранению недостатков")
                .contains("Мероприятие 1")
                .contains("просрочено");
        assertThat(browser()
                        .get("/results/" + CAMPAIGN + "/o/" + TestData.SCHOOL_B + ".html")
                        .body())
                .as("a plan not approved stays off the public page")
                .doesNotContain("План по устранению недостатков");

        String approvedPage = school.get(PLAN).body();
        Matcher measure = Pattern.compile("name=\"taken-(\\d+)\"").matcher(approvedPage);
        assertThat(measure.find()).isTrue();
        String id = measure.group(1);
        assertThat(school.post(
                                PLAN + "/progress",
                                Map.of(
                                        "taken-" + id,
                                        "Стенд обновлён",
                                        "actual-" + id,
                                        LocalDate.now().toString()))
                        .statusCode())
                .isEqualTo(302);
        assertThat(browser()
                        .get("/results/" + CAMPAIGN + "/o/" + TestData.SCHOOL_A + ".html")
                        .body())
                .contains("Стенд обновлён")
                .contains("выполнено");

        HttpResponse<byte[]> workbook = signedIn("ministry").download("/ministry/plans.xlsx?campaign=" + CAMPAIGN);
        assertThat(workbook.statusCode()).isEqualTo(200);
        try (XSSFWorkbook xlsx = new XSSFWorkbook(new ByteArrayInputStream(workbook.body()))) {
            var sheet = xlsx.getSheetAt(0);
            List<String> texts = new ArrayList<>();
            sheet.forEach(row -> row.forEach(cell -> texts.add(cell.toString())));
            assertThat(texts).contains("Недостаток", "Стенд обновлён", "выполнено", "просрочено", "утверждён");
            assertThat(sheet.getLastRowNum()).as("every organization's rows").isGreaterThan(rows.size());
        }
        assertThat(city.download("/ministry/plans.xlsx?campaign=" + CAMPAIGN).statusCode())
                .isEqualTo(403);
    }

    /** The proposed rows of the edit form: criterion and deficiency of each row stored. */
    private static List<String[]> proposed(String page) {
        List<String[]> rows = new ArrayList<>();
        Matcher row = Pattern.compile(
                        "name=\"criterion\" value=\"(K\\d)\">\\s*<input type=\"hidden\" name=\"source\" value=\"([^\"]+)\">"
                                + "\\s*<label[^>]*>Недостаток</label>\\s*<textarea[^>]*>([^<]+)</textarea>")
                .matcher(page);
        while (row.find()) {
            rows.add(new String[] {row.group(1), row.group(2), row.group(3)});
        }
        return rows;
    }

    /** The edit form with the rows, each completed with a measure, the date and a responsible person when given. */
    private static Map<String, String> form(List<String[]> rows, String date, boolean submit) {
        Map<String, String> form = new LinkedHashMap<>();
        int n = 0;
        for (String[] row : rows) {
            n++;
            boolean complete = !date.isEmpty();
            form.put("criterion#" + n, row[0]);
            form.put("source#" + n, row[1]);
            form.put("deficiency#" + n, row[2].replace("&quot;", "\"").replace("&#39;", "'"));
            form.put("measure#" + n, complete ? "Мероприятие " + n : "");
            form.put("plannedDate#" + n, date);
            form.put("responsibleName#" + n, complete ? "Иванова И. И." : "");
            form.put("responsiblePosition#" + n, complete ? "заместитель директора" : "");
        }
        if (submit) {
            form.put("submit", "");
        }
        return form;
    }
}
