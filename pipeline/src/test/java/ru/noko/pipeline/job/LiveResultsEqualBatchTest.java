package ru.noko.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.DevStack;
import ru.noko.methodology.cli.Commands;
import ru.noko.methodology.cli.ScoreCommand;
import ru.noko.pipeline.testing.ResponseTopic;
import ru.noko.schemas.avro.ClientMetadata;
import ru.noko.schemas.avro.SurveyResponse;
import ru.noko.schemas.clickhouse.ClickHouseQueries;

/**
 * Live figures against the batch reference: responses (honest ones and cheats) go through Kafka and the job into
 * ClickHouse, then the batch {@code score} command computes the same campaign from the responses the job accepted,
 * and every figure of every organization must agree to 1e-9.
 */
class LiveResultsEqualBatchTest {

    private static final String CAMPAIGN = "demo-2026-noko";
    private static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");
    private static final int ORGANIZATIONS = 5;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void everyLiveFigureEqualsTheBatchScoreOfTheAcceptedResponses() throws Exception {
        ResponseTopic topic = new ResponseTopic(DevStack.kafka(), "live-results", 2);
        IngestJobRunner runner = new IngestJobRunner(
                "live_results",
                topic.name(),
                Map.of("NOKO_MAX_OUT_OF_ORDERNESS", "1s", "NOKO_SOURCE_IDLENESS", "2s", "NOKO_QUIET_CATCH_UP", "0s"));
        ClickHouseQueries clickHouse = new ClickHouseQueries(runner.clickHouse());
        List<SurveyResponse> responses = campaign(new Random(5));
        String assessments = topic.name() + "-self-assessments";
        for (int o = 0; o < ORGANIZATIONS; o++) {
            topic.sendRaw(
                    topic.name() + "-organizations",
                    "org-" + o,
                    registryEntry(o).getBytes(StandardCharsets.UTF_8));
        }
        // Organizations 0–3 file their self-assessment, 4 does not; a fifth record breaks the model's rules.
        for (int o = 0; o < ORGANIZATIONS - 1; o++) {
            topic.sendRaw(assessments, "org-" + o, selfAssessment(o).getBytes(StandardCharsets.UTF_8));
        }
        topic.sendRaw(
                assessments,
                "org-4",
                ("{\"campaignId\": \"" + CAMPAIGN + "\", \"organizationId\": \"org-4\","
                                + " \"inputs\": {\"standItems\": 99, \"standItemsRequired\": 10}}")
                        .getBytes(StandardCharsets.UTF_8));
        topic.send(responses);
        // Verdicts wait for the watermark to pass; a last response a day later moves it past all the others.
        topic.send(
                List.of(response(99_999, "sentinel-org", T0.plus(Duration.ofDays(1)), new Random(1), "dev-sentinel")));

        JobClient job = runner.start();
        Map<String, Long> accepted;
        try {
            clickHouse.awaitCount("SELECT count() FROM response_verdicts", n -> n >= responses.size(), WAIT);
            accepted = acceptedPerOrganization(clickHouse);
            long allChanges = 0;
            for (Map.Entry<String, Long> organization : accepted.entrySet()) {
                // Responses, the self-assessment (not org-4) and the registry entry each change the figures once.
                long changes = organization.getValue() + (organization.getKey().equals("org-4") ? 0 : 1) + 1;
                allChanges += changes;
                assertThat(clickHouse.awaitCount(
                                "SELECT max(version) FROM organization_results WHERE organization_id = '"
                                        + organization.getKey() + "'",
                                n -> n >= changes,
                                WAIT))
                        .as(organization.getKey())
                        .isEqualTo(changes);
            }
            long expected = allChanges;
            assertThat(clickHouse.awaitCount("SELECT max(version) FROM territory_results", n -> n >= expected, WAIT))
                    .as("territories saw every change")
                    .isEqualTo(expected);
            clickHouse.awaitCount("SELECT count() FROM undecodable_records", n -> n >= 1, WAIT);
        } finally {
            job.cancel().get();
        }
        assertThat(clickHouse.strings("SELECT DISTINCT verdict FROM response_verdicts FINAL"))
                .contains("accepted", "rejected");

        JsonNode batch = batchScore(responses, acceptedIds(clickHouse));
        int compared = 0;
        for (JsonNode organization : batch.get("organizations")) {
            String id = organization.get("organizationId").asText();
            compareCoverage(clickHouse, "organization_coverage", "organization_id = '" + id + "'", organization, id);
            assertThat(organization.get("responses").asLong()).isEqualTo(accepted.get(id));
            Map<String, String[]> live = live(clickHouse, id);
            for (JsonNode metric : organization.get("metrics")) {
                String[] row = live.get(metric.get("id").asText());
                assertThat(row).as(id + " " + metric.get("id").asText()).isNotNull();
                assertThat(row[1])
                        .as(id + " " + metric.get("id") + " status")
                        .isEqualTo(metric.get("status").asText());
                if (metric.get("status").asText().equals("OK")) {
                    assertThat(Double.parseDouble(row[0]))
                            .as(id + " " + metric.get("id"))
                            .isCloseTo(metric.get("value").asDouble(), within(1e-9));
                    assertThat(row[3])
                            .as(id + " " + metric.get("id") + " exact")
                            .isEqualTo(metric.get("valueExact").asText());
                    assertThat(new BigDecimal(row[2]))
                            .as(id + " " + metric.get("id") + " published")
                            .isEqualByComparingTo(metric.get("valuePublished").decimalValue());
                }
                assertThat(row[5])
                        .as(id + " " + metric.get("id") + " note")
                        .isEqualTo(metric.path("note").asText(""));
                assertThat(row[6] + " " + row[7] + " " + row[8])
                        .as(id + " " + metric.get("id") + " counts")
                        .isEqualTo(metric.get("numerator").asLong() + " "
                                + metric.get("denominator").asLong() + " " + partsText(metric.get("parts")));
                assertThat(row[4])
                        .as(id + " flag")
                        .isEqualTo(organization.get("weightsRescaled").asBoolean() ? "1" : "0");
                compared++;
            }
        }
        assertThat(compared).isEqualTo(ORGANIZATIONS * 20);
        int territoryFigures = 0;
        for (String level : List.of("municipalities", "regions")) {
            for (JsonNode territory : batch.get(level)) {
                territoryFigures += compareTerritory(clickHouse, territory, "");
                for (JsonNode byType : territory.path("byType")) {
                    territoryFigures += compareTerritory(
                            clickHouse, byType, byType.get("organizationType").asText());
                }
            }
        }
        // 2 municipalities and 1 region, each in all and per type (general, preschool), 20 figures each.
        assertThat(territoryFigures).isEqualTo((2 + 1) * 3 * 20);
        assertThat(live(clickHouse, "org-0").get("S")[1]).isEqualTo("OK");
        // org-0's self-assessment: stands 5 of 10, site 30 of 40, one remote channel (items, no denominator).
        assertThat(live(clickHouse, "org-0").get("1.1")[8]).isEqualTo("5/10;30/40");
        assertThat(live(clickHouse, "org-0").get("1.2")[8]).isEqualTo("1");
        assertThat(live(clickHouse, "org-4").get("S")[1]).isEqualTo("MISSING_INPUT");
        assertThat(clickHouse.strings("SELECT error FROM undecodable_records"))
                .singleElement()
                .asString()
                .startsWith("self-assessment:")
                .contains("standItems");
    }

    /** Coverage per role and the level, live against batch. */
    private static void compareCoverage(
            ClickHouseQueries clickHouse, String table, String where, JsonNode batch, String at) throws Exception {
        List<String> live =
                clickHouse.strings("SELECT concat(role, ' ', toString(responses), ' ', toString(contingent),"
                        + " ' ', toString(required), ' ', toString(met), ' ', level) FROM " + table + " FINAL WHERE "
                        + where
                        + " ORDER BY role");
        List<String> expected = new ArrayList<>();
        for (JsonNode role : batch.get("coverage")) {
            expected.add(role.get("role").asText() + " " + role.get("responses").asLong() + " "
                    + role.get("contingent").asLong()
                    + " " + role.get("required").asLong() + " "
                    + (role.get("met").asBoolean() ? 1 : 0) + " "
                    + batch.path("level").asText(""));
        }
        expected.sort(String::compareTo);
        assertThat(live).as(at + " coverage").isNotEmpty().isEqualTo(expected);
    }

    /** The batch territory's figures against the live rows of the same territory and type. */
    private static int compareTerritory(ClickHouseQueries clickHouse, JsonNode territory, String type)
            throws Exception {
        String municipality = territory.path("municipality").asText("");
        compareCoverage(
                clickHouse,
                "territory_coverage",
                "region = '" + territory.get("region").asText() + "' AND municipality = '" + municipality
                        + "' AND organization_type = '" + type + "'",
                territory,
                municipality + "/" + type);
        Map<String, String[]> live = new HashMap<>();
        for (String row : clickHouse.strings("SELECT concat(metric_id, '\t', toString(mean), '\t',"
                + " toString(respondent_weighted), '\t', toString(organizations), '\t', basis, '\t', toString(published),"
                + " '\t', toString(mean_published), '\t', toString(respondent_weighted_published))"
                + " FROM territory_results FINAL"
                + " WHERE region = '" + territory.get("region").asText() + "' AND municipality = '" + municipality
                + "' AND organization_type = '" + type + "'")) {
            String[] parts = row.split("\t");
            live.put(parts[0], parts);
        }
        int compared = 0;
        for (JsonNode figure : territory.get("figures")) {
            String[] row = live.get(figure.get("id").asText());
            String at = municipality + "/" + type + " " + figure.get("id").asText();
            assertThat(row).as(at).isNotNull();
            assertThat(Integer.parseInt(row[3]))
                    .as(at + " organizations")
                    .isEqualTo(figure.get("organizations").asInt());
            assertThat(row[4]).as(at + " basis").isEqualTo(figure.get("basis").asText());
            if (!figure.get("mean").isNull()) {
                assertThat(Double.parseDouble(row[1]))
                        .as(at + " mean")
                        .isCloseTo(figure.get("mean").asDouble(), within(1e-9));
                assertThat(Double.parseDouble(row[2]))
                        .as(at + " weighted")
                        .isCloseTo(figure.get("respondentWeightedMean").asDouble(), within(1e-9));
                assertThat(new BigDecimal(row[5]))
                        .as(at + " published")
                        .isEqualByComparingTo(figure.get("valuePublished").decimalValue());
                assertThat(new BigDecimal(row[6]))
                        .isEqualByComparingTo(figure.get("meanPublished").decimalValue());
                assertThat(new BigDecimal(row[7]))
                        .isEqualByComparingTo(
                                figure.get("respondentWeightedMeanPublished").decimalValue());
            }
            compared++;
        }
        return compared;
    }

    /** Organizations 0–2 in one municipality, 3–4 in another; 1 and 4 are kindergartens. */
    private static String registryLine(int organization) {
        return "org-" + organization + ",Организация " + organization + ",7707083893,"
                + (organization % 3 == 1 ? "preschool" : "general") + "," + municipality(organization)
                + ",Регион,100,50";
    }

    private static String municipality(int organization) {
        return organization < 3 ? "Мо-1" : "Мо-2";
    }

    private static String registryEntry(int organization) {
        return "{\"organizationId\": \"org-" + organization + "\", \"name\": \"Организация " + organization
                + "\", \"inn\": \"7707083893\", \"type\": \"" + (organization % 3 == 1 ? "preschool" : "general")
                + "\", \"municipality\": \"" + municipality(organization) + "\", \"region\": \"Регион\","
                + " \"contingent\": {\"parent\": 100, \"student\": 50}}";
    }

    private static String selfAssessment(int organization) {
        return "{\"campaignId\": \"" + CAMPAIGN + "\", \"organizationId\": \"org-" + organization + "\", \"inputs\": "
                + selfAssessmentInputs(organization) + "}";
    }

    private static String selfAssessmentInputs(int organization) {
        return "{\"standItems\": " + (5 + organization) + ", \"standItemsRequired\": 10, \"siteItems\": "
                + (30 + organization)
                + ", \"siteItemsRequired\": 40, \"remoteChannels\": " + (organization + 1) + ", \"comfortConditions\": "
                + (organization + 1) + ", \"accessibleEquipment\": " + organization + ", \"accessibleServices\": 3}";
    }

    /** Honest respondents with random answers, and cheats: repeated devices, too-fast answers. */
    private static List<SurveyResponse> campaign(Random random) {
        List<SurveyResponse> responses = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String organization = "org-" + (i % ORGANIZATIONS);
            Instant submitted = T0.plusSeconds(i * 7L);
            String device = i % 10 == 0 ? "dev-shared-" + (i % ORGANIZATIONS) : "dev-" + i;
            SurveyResponse response = response(i, organization, submitted, random, device);
            if (i % 13 == 0) {
                response.setStartedAt(submitted.minusSeconds(20));
            }
            responses.add(response);
        }
        return responses;
    }

    private static SurveyResponse response(
            int i, String organization, Instant submitted, Random random, String device) {
        return SurveyResponse.newBuilder()
                .setResponseId(UUID.nameUUIDFromBytes(("live-" + i).getBytes()).toString())
                .setCampaignId(CAMPAIGN)
                .setOrganizationId(organization)
                .setRespondentRole(i % 3 == 0 ? "student" : "parent")
                .setAnswers(nokoAnswers(random))
                .setStartedAt(submitted.minusSeconds(300))
                .setSubmittedAt(submitted)
                .setReceivedAt(submitted)
                .setClient(ClientMetadata.newBuilder()
                        .setIpAddress("192.0.2." + (i % 250))
                        .setUserAgent(null)
                        .setDeviceToken(device)
                        .setEmailHmac(null)
                        .build())
                .build();
    }

    /** A valid НОКО questionnaire with random answers, honouring the skip logic. */
    private static Map<String, Object> nokoAnswers(Random random) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (int q = 1; q <= 14; q++) {
            answers.put("q" + q, random.nextInt(4) != 0);
        }
        for (int[] filter : new int[][] {{1, 2}, {3, 4}, {6, 7}, {10, 11}}) {
            if (!(Boolean) answers.get("q" + filter[0])) {
                answers.remove("q" + filter[1]);
            }
        }
        return answers;
    }

    private static Map<String, Long> acceptedPerOrganization(ClickHouseQueries clickHouse) throws Exception {
        Map<String, Long> accepted = new HashMap<>();
        for (String row : clickHouse.strings(
                "SELECT concat(organization_id, '=', toString(count())) FROM response_verdicts"
                        + " FINAL WHERE verdict != 'rejected' AND organization_id != 'sentinel-org' GROUP BY organization_id")) {
            String[] parts = row.split("=");
            accepted.put(parts[0], Long.parseLong(parts[1]));
        }
        return accepted;
    }

    private static Set<String> acceptedIds(ClickHouseQueries clickHouse) throws Exception {
        return Set.copyOf(
                clickHouse.strings("SELECT response_id FROM response_verdicts FINAL WHERE verdict != 'rejected'"));
    }

    /**
     * metric id → {value, status, published, exact, weights_rescaled, note, numerator, denominator, parts} from the
     * live table.
     */
    private static Map<String, String[]> live(ClickHouseQueries clickHouse, String organization) throws Exception {
        Map<String, String[]> rows = new HashMap<>();
        for (String row : clickHouse.strings("SELECT concat(metric_id, '\\t', toString(value), '\\t', status, '\\t',"
                + " toString(published), '\\t', exact, '\\t', toString(weights_rescaled), '\\t', note, '\\t',"
                + " toString(numerator), '\\t', toString(denominator), '\\t', parts, ' ')"
                + " FROM organization_results FINAL WHERE organization_id = '" + organization + "'")) {
            String[] parts = row.split("\\t");
            rows.put(parts[0], new String[] {
                parts[1], parts[2], parts[3], parts[4], parts[5], parts[6], parts[7], parts[8], parts[9].strip()
            });
        }
        return rows;
    }

    /** The batch command's parts as the live table writes them: {@code 5/7;6/7}, items with no denominator bare. */
    private static String partsText(JsonNode parts) {
        List<String> texts = new ArrayList<>();
        for (JsonNode part : parts) {
            long denominator = part.get("denominator").asLong();
            texts.add(part.get("numerator").asLong() + (denominator == 0 ? "" : "/" + denominator));
        }
        return String.join(";", texts);
    }

    /** The batch reference: ./noko score over the accepted responses. */
    private static JsonNode batchScore(List<SurveyResponse> responses, Set<String> accepted) throws Exception {
        Path folder = DevStack.scratch("batch");
        Path registry = folder.resolve("registry.csv");
        StringBuilder csv = new StringBuilder(
                "organization_id,name,inn,type,municipality,region,contingent_parent,contingent_student\n");
        for (int o = 0; o < ORGANIZATIONS; o++) {
            csv.append(registryLine(o)).append("\n");
        }
        Files.writeString(registry, csv);
        ObjectMapper json = new ObjectMapper();
        List<String> lines = new ArrayList<>();
        for (SurveyResponse response : responses) {
            if (accepted.contains(response.getResponseId())) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("organizationId", response.getOrganizationId());
                line.put("respondentRole", response.getRespondentRole());
                line.put("answers", response.getAnswers());
                lines.add(json.writeValueAsString(line));
            }
        }
        Path responsesFile = folder.resolve("responses.jsonl");
        Files.write(responsesFile, lines);
        Path output = folder.resolve("score.json");
        StringBuilder inputs = new StringBuilder("[");
        for (int o = 0; o < ORGANIZATIONS - 1; o++) {
            inputs.append(o == 0 ? "" : ",")
                    .append("{\"organizationId\": \"org-")
                    .append(o)
                    .append("\", \"inputs\": ")
                    .append(selfAssessmentInputs(o))
                    .append("}");
        }
        Path selfAssessments = folder.resolve("self-assessment.json");
        Files.writeString(selfAssessments, inputs.append("]"));
        int exit = Commands.commandLine(new ScoreCommand())
                .execute(
                        "--instrument",
                        "noko-education",
                        "--model",
                        "noko-education",
                        "--registry",
                        registry.toString(),
                        "--responses",
                        responsesFile.toString(),
                        "--self-assessment",
                        selfAssessments.toString(),
                        "--output",
                        output.toString());
        assertThat(exit).isZero();
        JsonNode result = json.readTree(output.toFile());
        assertThat(result.at("/responses/rejected").asInt()).isZero();
        return result;
    }
}
