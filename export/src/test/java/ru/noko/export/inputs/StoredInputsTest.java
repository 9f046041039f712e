package ru.noko.export.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.noko.devstack.DevStack;
import ru.noko.devstack.clickhouse.ClickHouseServer;
import ru.noko.export.ranking.Exporter;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.methodology.data.ResponseFile;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.registry.RegistryCsv;
import ru.noko.schemas.clickhouse.ClickHouseMigrator;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/**
 * An export from ClickHouse (on the local 18.16 server, tables made by our migrations) counts exactly the responses
 * received before the cut-off whose current verdict is "accepted" — a verdict the re-check corrected wins over the
 * live one — and so gives the same figures as the export from the files holding just those responses.
 */
class StoredInputsTest {

    private static final Path EXAMPLES =
            Path.of(System.getProperty("noko.projectRoot", "..")).resolve("examples/noko");
    private static final Instant CUT_OFF = Instant.parse("2026-03-01T00:00:00Z");
    private static final long RECHECKED_AT = 1_772_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path exports;

    @Test
    void theStoredCampaignGivesTheFiguresOfItsAcceptedResponsesBeforeTheCutOff() throws Exception {
        ClickHouseTarget target = ClickHouseTarget.local(DevStack.clickHouse().tcpPort(), "export_stored");
        new ClickHouseMigrator(target).migrate();
        Campaign campaign =
                Campaigns.load(Optional.empty()).find("demo-2026-noko").orElseThrow();
        List<Organization> registry =
                RegistryCsv.read(EXAMPLES.resolve("registry.csv")).organizations();
        ResponseFile.Read read = ResponseFile.read(
                EXAMPLES.resolve("responses.jsonl"),
                campaign.instrument(),
                campaign.model(),
                RegistryCsv.read(EXAMPLES.resolve("registry.csv")));
        Set<Integer> invalidLines = new HashSet<>();
        read.rejected().forEach(rejected -> invalidLines.add(rejected.line()));

        try (Connection connection = target.connect();
                Statement sql = connection.createStatement()) {
            for (String table : List.of("organizations", "self_assessments", "survey_responses", "response_verdicts")) {
                sql.execute("TRUNCATE TABLE " + table);
            }
            for (Organization organization : registry) {
                sql.execute(
                        "INSERT INTO organizations (organization_id, name, inn, organization_type, municipality, region,"
                                + " contingent, version) VALUES ("
                                + String.join(
                                        ", ",
                                        quoted(organization.id()),
                                        quoted(organization.name()),
                                        quoted(organization.inn()),
                                        quoted(organization.type().code()),
                                        quoted(organization.municipality()),
                                        quoted(organization.region()),
                                        quoted(JSON.writeValueAsString(new TreeMap<>(organization.contingent()))))
                                + ", 1)");
            }
            for (JsonNode filed :
                    JSON.readTree(EXAMPLES.resolve("self-assessment.json").toFile())) {
                sql.execute(
                        "INSERT INTO self_assessments (campaign_id, organization_id, inputs, version) VALUES ('demo-2026-noko', "
                                + quoted(filed.get("organizationId").asText()) + ", "
                                + quoted(JSON.writeValueAsString(filed.get("inputs")))
                                + ", 1)");
            }
            List<String> lines = Files.readAllLines(EXAMPLES.resolve("responses.jsonl"));
            JsonNode any = null;
            for (int line = 1; line <= lines.size(); line++) {
                if (invalidLines.contains(line) || lines.get(line - 1).isBlank()) {
                    continue;
                }
                any = JSON.readTree(lines.get(line - 1));
                store(sql, "r-" + line, any, CUT_OFF.minusSeconds(3600 + line), "accepted", "", 0, "live");
            }
            // Not counted: a rejected duplicate, a response after the cut-off, one the re-check rejected after all.
            store(sql, "duplicate", any, CUT_OFF.minusSeconds(60), "rejected", "DUPLICATE_EMAIL", 0, "live");
            store(sql, "after-cut-off", any, CUT_OFF.plusSeconds(1), "accepted", "", 0, "live");
            store(sql, "rechecked", any, CUT_OFF.minusSeconds(30), "accepted", "", 0, "live");
            store(
                    sql,
                    "rechecked",
                    any,
                    CUT_OFF.minusSeconds(30),
                    "rejected",
                    "DUPLICATE_DEVICE",
                    RECHECKED_AT,
                    "recheck");
        }

        CampaignInputs stored = StoredInputs.read(target, campaign, CUT_OFF);
        // The server's exporter reads through an account that can only read (readonly=1, which also forbids every
        // setting a client might send): the same inputs come back through such an account.
        ClickHouseTarget readOnly = new ClickHouseTarget(
                target.host(), target.port(), target.database(), ClickHouseServer.READER, target.password());
        CampaignInputs readOnlyRead = StoredInputs.read(readOnly, campaign, CUT_OFF);
        assertThat(readOnlyRead.accepted()).isEqualTo(stored.accepted());
        assertThat(readOnlyRead.excluded()).isEqualTo(stored.excluded());
        try (Connection connection = readOnly.connect();
                Statement sql = connection.createStatement()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sql.execute("TRUNCATE TABLE organizations"))
                    .as("the account can only read")
                    .hasMessageContaining("readonly");
        }
        Path fromClickHouse = new Exporter(exports.resolve("stored"), "test").export(campaign, stored, CUT_OFF);
        Path fromFiles = new Exporter(exports.resolve("files"), "test")
                .export(
                        campaign,
                        FileInputs.read(
                                campaign,
                                EXAMPLES.resolve("registry.csv"),
                                EXAMPLES.resolve("responses.jsonl"),
                                EXAMPLES.resolve("self-assessment.json")),
                        CUT_OFF);

        assertThat(stored.accepted()).isEqualTo(read.accepted());
        assertThat(stored.excluded()).containsEntry("DUPLICATE_EMAIL", 1L).containsEntry("DUPLICATE_DEVICE", 1L);
        assertThat(stored.recheckedAt()).isEqualTo(Instant.ofEpochMilli(RECHECKED_AT));
        for (String csv : List.of("organizations.csv", "municipalities.csv", "regions.csv", "indicators.csv")) {
            assertThat(Files.readString(fromClickHouse.resolve(csv)))
                    .as(csv)
                    .isEqualTo(Files.readString(fromFiles.resolve(csv)));
        }
    }

    private static void store(
            Statement sql,
            String id,
            JsonNode response,
            Instant received,
            String verdict,
            String rejections,
            long version,
            String checkedBy)
            throws Exception {
        long ms = received.toEpochMilli();
        // The driver parses the values itself: a DateTime is written as its text, in UTC like the server.
        String at = quoted(received.toString().replace('T', ' ').replace("Z", ""));
        String organization = quoted(response.get("organizationId").asText());
        String role = quoted(response.get("respondentRole").asText());
        sql.execute("INSERT INTO survey_responses (response_id, campaign_id, organization_id, respondent_role, answers,"
                + " started_at, submitted_at, received_at, ip_hmac, user_agent, device_token, email_hmac, kafka_partition,"
                + " kafka_offset, started_at_ms, submitted_at_ms, received_at_ms) VALUES (" + quoted(id)
                + ", 'demo-2026-noko', "
                + organization + ", " + role + ", " + quoted(JSON.writeValueAsString(response.get("answers"))) + ", "
                + at + ", "
                + at + ", " + at + ", 'h', 'ua', '', '', 0, 0, " + ms + ", " + ms + ", " + ms + ")");
        sql.execute(
                "INSERT INTO response_verdicts (response_id, campaign_id, organization_id, respondent_role, submitted_at,"
                        + " received_at, verdict, rejections, flags, version, checked_by) VALUES (" + quoted(id)
                        + ", 'demo-2026-noko', "
                        + organization + ", " + role + ", " + at + ", " + at + ", " + quoted(verdict) + ", "
                        + quoted(rejections)
                        + ", '', " + version + ", " + quoted(checkedBy) + ")");
    }

    private static String quoted(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
