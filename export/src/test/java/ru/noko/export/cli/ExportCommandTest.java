package ru.noko.export.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.noko.methodology.cli.Commands;
import ru.noko.methodology.cli.ScoreCommand;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/**
 * {@code ./noko export} on the example campaign: its figures are {@code ./noko score}'s on the same files, value for
 * value; the same cut-off gives the same files; ties, flags, an empty campaign and a single organization behave as
 * the parameters sheet says.
 */
class ExportCommandTest {

    private static final Path EXAMPLES =
            Path.of(System.getProperty("noko.projectRoot", "..")).resolve("examples/noko");
    private static final String CUT_OFF = "2026-03-01T00:00:00Z";

    @TempDir
    Path work;

    @Test
    void withoutVariablesItReadsTheClickHouseTheJobAndEveryOtherCommandDefaultTo() {
        ExportCommand command = new ExportCommand(Map.of());

        assertThat(command.clickHouse.target().host()).isEqualTo("127.0.0.1");
        assertThat(command.clickHouse.target().port()).isEqualTo(ClickHouseTarget.DEFAULT_PORT);
        assertThat(new ExportCommand(Map.of("NOKO_CLICKHOUSE_PORT", "9000"))
                        .clickHouse
                        .target()
                        .port())
                .isEqualTo(9000);
    }

    @Test
    void everyFigureOfTheExportIsTheScoreCommandsPublishedValue() throws Exception {
        Path score = work.resolve("score.json");
        assertThat(Commands.commandLine(new ScoreCommand())
                        .execute(
                                "--instrument",
                                "noko-education",
                                "--model",
                                "noko-education",
                                "--edition",
                                "B",
                                "--coverage-target",
                                "0.5",
                                "--max-respondents",
                                "600",
                                "--registry",
                                EXAMPLES.resolve("registry.csv").toString(),
                                "--responses",
                                EXAMPLES.resolve("responses.jsonl").toString(),
                                "--self-assessment",
                                EXAMPLES.resolve("self-assessment.json").toString(),
                                "--output",
                                score.toString()))
                .isZero();
        Path export =
                export(work.resolve("exports"), EXAMPLES.resolve("registry.csv"), EXAMPLES.resolve("responses.jsonl"));

        Map<String, JsonNode> scored = new HashMap<>();
        for (JsonNode organization : new ObjectMapper().readTree(score.toFile()).get("organizations")) {
            for (JsonNode metric : organization.get("metrics")) {
                scored.put(
                        organization.get("name").asText() + "|"
                                + metric.get("id").asText(),
                        metric);
            }
        }
        List<CSVRecord> indicators = csv(export.resolve("indicators.csv"));
        assertThat(indicators).hasSize(scored.size());
        for (CSVRecord row : indicators) {
            JsonNode metric = scored.get(row.get("Организация") + "|" + row.get("Код"));
            assertThat(metric).as(row.toString()).isNotNull();
            if ("OK".equals(metric.get("status").asText())) {
                assertThat(new BigDecimal(row.get("Значение")))
                        .as(row.toString())
                        .isEqualByComparingTo(metric.get("valuePublished").decimalValue());
            } else {
                assertThat(row.get("Значение")).as(row.toString()).isEmpty();
            }
            if (metric.get("parts").size() > 0) {
                assertThat(row.get("Числитель"))
                        .isEqualTo(metric.get("numerator").asText());
            }
        }
        // The worked example school of the methodology: S = 1061/14 → 75.79.
        CSVRecord school = csv(export.resolve("organizations.csv")).stream()
                .filter(r -> r.get("Организация").equals("МБОУ «СОШ № 7»"))
                .findFirst()
                .orElseThrow();
        assertThat(school.get("S")).isEqualTo("75.79");
    }

    @Test
    void theSameCampaignAndCutOffGiveByteIdenticalCsvFilesAndTheSameChecksums() throws Exception {
        Path first = export(work.resolve("one"), EXAMPLES.resolve("registry.csv"), EXAMPLES.resolve("responses.jsonl"));
        Path second =
                export(work.resolve("two"), EXAMPLES.resolve("registry.csv"), EXAMPLES.resolve("responses.jsonl"));

        for (String csv :
                List.of("organizations.csv", "municipalities.csv", "regions.csv", "indicators.csv", "parameters.csv")) {
            assertThat(Files.readAllBytes(second.resolve(csv)))
                    .as(csv)
                    .isEqualTo(Files.readAllBytes(first.resolve(csv)));
        }
        assertThat(new ObjectMapper()
                        .readTree(second.resolve("manifest.json").toFile())
                        .get("files"))
                .isEqualTo(new ObjectMapper()
                        .readTree(first.resolve("manifest.json").toFile())
                        .get("files"));
    }

    @Test
    void anExportIsNeverOverwritten() throws Exception {
        export(work.resolve("exports"), EXAMPLES.resolve("registry.csv"), EXAMPLES.resolve("responses.jsonl"));

        assertThat(run(
                        work.resolve("exports"),
                        EXAMPLES.resolve("registry.csv"),
                        EXAMPLES.resolve("responses.jsonl"),
                        EXAMPLES.resolve("self-assessment.json")))
                .isEqualTo(Commands.FAILED);
    }

    @Test
    void tiesShareARankAndOrganizationsBelowTheTargetAreRankedButFlaggedAndCounted() throws Exception {
        // Two schools with the same answers and self-assessment tie; the third answers worse. A contingent of 400
        // parents leaves every school below the 50 % target.
        Path registry = Files.writeString(work.resolve("registry.csv"), """
                organization_id,name,inn,type,municipality,region,contingent_parent,contingent_student
                a,Школа А,3808012348,general,М,Р,400,0
                b,Школа Б,3808012355,general,М,Р,400,0
                c,Школа В,3801012370,general,М,Р,400,0
                """);
        List<String> lines = new ArrayList<>();
        for (String organization : List.of("a", "b", "c")) {
            for (int i = 0; i < 4; i++) {
                boolean good = !organization.equals("c") || i < 2;
                lines.add("{\"organizationId\": \"" + organization
                        + "\", \"respondentRole\": \"parent\", \"answers\": {"
                        + "\"q1\": true, \"q2\": " + good + ", \"q3\": true, \"q4\": " + good + ", \"q5\": " + good
                        + ", \"q6\": false, \"q8\": " + good + ", \"q9\": " + good + ", \"q10\": false, \"q12\": "
                        + good
                        + ", \"q13\": " + good + ", \"q14\": " + good + "}}");
            }
        }
        Path responses = Files.write(work.resolve("responses.jsonl"), lines);
        String inputs =
                "\"inputs\": {\"standItems\": 8, \"standItemsRequired\": 10, \"siteItems\": 36, \"siteItemsRequired\": 40,"
                        + " \"remoteChannels\": 3, \"comfortConditions\": 4, \"accessibleEquipment\": 2, \"accessibleServices\": 3}";
        Path selfAssessment = Files.writeString(
                work.resolve("self-assessment.json"),
                "["
                        + String.join(
                                ", ",
                                List.of("a", "b", "c").stream()
                                        .map(id -> "{\"organizationId\": \"" + id + "\", " + inputs + "}")
                                        .toList())
                        + "]");
        Path export = export(work.resolve("exports"), registry, responses, selfAssessment);

        Map<String, CSVRecord> byName = new HashMap<>();
        csv(export.resolve("organizations.csv")).forEach(row -> byName.put(row.get("Организация"), row));
        assertThat(byName.get("Школа А").get("Место в регионе (среди организаций своего типа)"))
                .isEqualTo("1");
        assertThat(byName.get("Школа Б").get("Место в регионе (среди организаций своего типа)"))
                .isEqualTo("1");
        assertThat(byName.get("Школа В").get("Место в регионе (среди организаций своего типа)"))
                .isEqualTo("3");
        assertThat(byName.values())
                .allSatisfy(row -> assertThat(row.get("Цель охвата достигнута")).isEqualTo("false"));
        assertThat(parameter(export, "Ниже цели охвата (ранжированы, отмечены)"))
                .isEqualTo("3");
    }

    @Test
    void anEmptyCampaignListsItsOrganizationsWithoutRanksOrFigures() throws Exception {
        Path responses = Files.writeString(work.resolve("responses.jsonl"), "");

        Path export = export(work.resolve("exports"), EXAMPLES.resolve("registry.csv"), responses);

        assertThat(csv(export.resolve("organizations.csv"))).hasSize(5).allSatisfy(row -> {
            assertThat(row.get("Место в регионе (среди организаций своего типа)"))
                    .isEmpty();
            assertThat(row.get("S")).isEmpty();
        });
        assertThat(parameter(export, "Принятых ответов")).isEqualTo("0");
        assertThat(parameter(export, "Без итогового балла (без места)")).isEqualTo("5");
    }

    @Test
    void aCampaignOfOneOrganizationRanksItFirstEverywhere() throws Exception {
        Path registry = Files.writeString(
                work.resolve("registry.csv"),
                Files.readAllLines(EXAMPLES.resolve("registry.csv")).subList(0, 2).stream()
                                .reduce((a, b) -> a + "\n" + b)
                                .orElseThrow()
                        + "\n");

        Path selfAssessment = Files.writeString(
                work.resolve("self-assessment.json"),
                new ObjectMapper()
                        .writeValueAsString(List.of(new ObjectMapper()
                                .readTree(
                                        EXAMPLES.resolve("self-assessment.json").toFile())
                                .get(0))));
        Path export = export(work.resolve("exports"), registry, EXAMPLES.resolve("responses.jsonl"), selfAssessment);

        CSVRecord only = csv(export.resolve("organizations.csv")).get(0);
        assertThat(only.get("Место в регионе (среди организаций своего типа)")).isEqualTo("1");
        assertThat(only.get("Место в муниципалитете (среди организаций своего типа)"))
                .isEqualTo("1");
        assertThat(csv(export.resolve("municipalities.csv"))
                        .get(0)
                        .get("Место в регионе (среди муниципалитетов, по тому же типу)"))
                .isEqualTo("1");
    }

    private Path export(Path out, Path registry, Path responses) throws Exception {
        return export(out, registry, responses, EXAMPLES.resolve("self-assessment.json"));
    }

    private Path export(Path out, Path registry, Path responses, Path selfAssessment) throws Exception {
        assertThat(run(out, registry, responses, selfAssessment)).isZero();
        try (Stream<Path> campaigns = Files.list(out.resolve("demo-2026-noko"))) {
            return campaigns.findFirst().orElseThrow();
        }
    }

    private int run(Path out, Path registry, Path responses, Path selfAssessment) {
        return Commands.commandLine(new ExportCommand())
                .execute(
                        "--campaign",
                        "demo-2026-noko",
                        "--registry",
                        registry.toString(),
                        "--responses",
                        responses.toString(),
                        "--self-assessment",
                        selfAssessment.toString(),
                        "--cut-off",
                        CUT_OFF,
                        "--out",
                        out.toString());
    }

    private static String parameter(Path export, String name) throws Exception {
        return csv(export.resolve("parameters.csv")).stream()
                .filter(r -> r.get("Параметр").equals(name))
                .findFirst()
                .orElseThrow()
                .get("Значение");
    }

    private static List<CSVRecord> csv(Path file) throws Exception {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(reader)
                    .getRecords();
        }
    }
}
