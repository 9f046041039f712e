package ru.noko.portal.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import ru.noko.devstack.DevStack;
import ru.noko.portal.PortalStack;
import ru.noko.portal.TestData;
import ru.noko.portal.audit.AuditLog;
import ru.noko.publication.ResultsPublisher;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/**
 * The regional operator publishes a campaign's results and withdraws them, on real PostgreSQL and ClickHouse: until
 * published, and again once withdrawn, every public address of the campaign — pages, badge, QR code, open data — is
 * 404 to anyone; published, they open without a login; nobody but the operator may publish.
 */
class PublicResultsTest extends PortalStack {

    private static final String CAMPAIGN = TestData.CAMPAIGN;
    private static final Instant CUT_OFF = Instant.parse("2026-03-01T00:00:00Z");
    private static final List<String> PUBLIC = List.of(
            "/results/" + CAMPAIGN + "/index.html",
            "/results/" + CAMPAIGN + "/o/pub-school.html",
            "/results/" + CAMPAIGN + "/o/pub-school.svg",
            "/results/" + CAMPAIGN + "/o/pub-school-qr.svg",
            "/results/" + CAMPAIGN + "/data.csv",
            "/results/" + CAMPAIGN + "/data.json",
            "/results/" + CAMPAIGN + "/structure.csv",
            "/results/" + CAMPAIGN + "/meta.csv",
            "/results/" + CAMPAIGN + "/export-manifest.json",
            "/results/o/pub-school.html",
            "/results/o/pub-school.svg",
            "/results/o/pub-school-qr.svg");

    @Autowired
    ResultsPublisher publisher;

    @Autowired
    AuditLog audit;

    private final ClickHouseTarget clickHouse =
            ClickHouseTarget.local(DevStack.clickHouse().tcpPort(), CLICKHOUSE_DATABASE);

    @BeforeEach
    void aSchoolWithAnswersInClickHouse() throws Exception {
        publisher.withdraw(CAMPAIGN);
        try (Connection connection = clickHouse.connect();
                Statement sql = connection.createStatement()) {
            sql.execute("TRUNCATE TABLE organizations");
            sql.execute(
                    "INSERT INTO organizations (organization_id, name, inn, organization_type, municipality, region,"
                            + " contingent, version) VALUES ('pub-school', 'МБОУ «СОШ № 42»', '3808012348', 'general',"
                            + " 'г. Иркутск', 'Иркутская область', '{\"parent\": 40}', 1)");
            for (int i = 0; i < 5; i++) {
                String at = "'2026-02-10 10:00:0" + i + "'";
                long ms = Instant.parse("2026-02-10T10:00:0" + i + "Z").toEpochMilli();
                sql.execute("INSERT INTO survey_responses (response_id, campaign_id, organization_id, respondent_role,"
                        + " answers, started_at, submitted_at, received_at, ip_hmac, user_agent, device_token,"
                        + " email_hmac, kafka_partition, kafka_offset, started_at_ms, submitted_at_ms, received_at_ms)"
                        + " VALUES ('pub-" + i + "', '" + CAMPAIGN + "', 'pub-school', 'parent',"
                        + " '{\"q1\": true, \"q2\": true, \"q3\": " + (i % 2 == 0) + "}', " + at + ", " + at + ", "
                        + at + ", 'h', 'ua', '', '', 0, " + i + ", " + ms + ", " + ms + ", " + ms + ")");
                sql.execute("INSERT INTO response_verdicts (response_id, campaign_id, organization_id,"
                        + " respondent_role, submitted_at, received_at, verdict, rejections, flags, version, checked_by)"
                        + " VALUES ('pub-" + i + "', '" + CAMPAIGN + "', 'pub-school', 'parent', " + at + ", " + at
                        + ", 'accepted', '', '', 0, 'live')");
            }
        }
    }

    @AfterEach
    void withdrawn() throws Exception {
        publisher.withdraw(CAMPAIGN);
    }

    @Test
    void nothingOfAnUnpublishedCampaignIsPublicAndEverythingIsOncePublishedUntilWithdrawn() throws Exception {
        for (String path : PUBLIC) {
            assertThat(browser().get(path).statusCode())
                    .as("before publication: " + path)
                    .isEqualTo(404);
        }

        var operator = signedIn(OPERATOR);
        HttpResponse<String> published =
                operator.post("/operator/publication/" + CAMPAIGN, Map.of("cutOff", "2026-03-01T00:00"));
        assertThat(published.statusCode()).isEqualTo(302);
        assertThat(operator.follow(published).body()).contains("опубликованы", "организаций 1");

        for (String path : PUBLIC) {
            assertThat(browser().get(path).statusCode())
                    .as("published, without a login: " + path)
                    .isEqualTo(200);
        }
        HttpResponse<String> page = browser().get("/results/" + CAMPAIGN + "/o/pub-school.html");
        assertThat(page.body()).contains("МБОУ «СОШ № 42»", "Респондентов: <strong id=\"respondents\">5</strong>");
        assertThat(browser().get("/results/o/pub-school.svg").headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));
        assertThat(publisher.site().publication(CAMPAIGN))
                .hasValueSatisfying(p -> assertThat(p.cutOff()).isEqualTo(CUT_OFF));
        assertThat(audit.find(OPERATOR, "RESULTS_PUBLISHED", null, null, 20))
                .anySatisfy(entry -> assertThat(entry.action()).isEqualTo("RESULTS_PUBLISHED"));

        HttpResponse<String> withdrawn = operator.post("/operator/publication/" + CAMPAIGN + "/withdraw", Map.of());
        assertThat(withdrawn.statusCode()).isEqualTo(302);
        for (String path : PUBLIC) {
            assertThat(browser().get(path).statusCode())
                    .as("withdrawn: " + path)
                    .isEqualTo(404);
        }
    }

    @Test
    void onlyTheRegionalOperatorPublishes() throws Exception {
        for (String login : List.of(TestData.SCHOOL_A, "analyst-city", "ministry")) {
            var other = signedIn(login);
            assertThat(other.post("/operator/publication/" + CAMPAIGN, Map.of()).statusCode())
                    .as(login)
                    .isEqualTo(403);
            assertThat(other.get("/operator/publication").statusCode())
                    .as(login)
                    .isEqualTo(403);
        }
        assertThat(browser().get("/operator/publication").statusCode())
                .as("anonymous: to the login page")
                .isEqualTo(302);
        assertThat(publisher.site().publication(CAMPAIGN)).isEmpty();
    }

    @Test
    void aCutOffInTheFutureOrUnreadableIsRefusedWithAReason() throws Exception {
        var operator = signedIn(OPERATOR);
        HttpResponse<String> future =
                operator.post("/operator/publication/" + CAMPAIGN, Map.of("cutOff", "2999-01-01T00:00"));
        assertThat(future.statusCode()).isEqualTo(422);
        assertThat(future.body()).contains("ещё не наступило");
        HttpResponse<String> garbled = operator.post("/operator/publication/" + CAMPAIGN, Map.of("cutOff", "вчера"));
        assertThat(garbled.statusCode()).isEqualTo(422);
        assertThat(garbled.body()).contains("не распознано");
        assertThat(operator.post("/operator/publication/no-such-campaign", Map.of())
                        .statusCode())
                .isEqualTo(422);
        assertThat(publisher.site().publication(CAMPAIGN)).isEmpty();
        java.nio.file.Path hidden = publisher.site().root().resolve(".demo.partial-1");
        java.nio.file.Files.createDirectories(hidden);
        java.nio.file.Files.writeString(hidden.resolve("index.html"), "not yet published");
        HttpResponse<String> half = browser().get("/results/.demo.partial-1/index.html");
        assertThat(half.statusCode())
                .as("hidden files (a campaign being written) are never handed out")
                .isNotEqualTo(200);
        assertThat(half.body()).doesNotContain("not yet published");
    }
}
