package ru.noko.methodology.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./noko score} on the example campaign of examples/noko (its school irk-sosh-7 is docs/methodology.md's example). */
class ScoreCommandTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("noko.projectRoot", ".."), "examples", "noko");

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void theExampleCampaignIsScoredPerOrganizationMunicipalityAndRegion() throws Exception {
        JsonNode result = score();

        assertThat(result.at("/model/edition").asText()).isEqualTo("B");
        JsonNode school = organization(result, "irk-sosh-7");
        assertThat(school.get("responses").asInt()).isEqualTo(10);
        assertThat(metric(school, "S").get("valuePublished").asDouble()).isEqualTo(75.79);
        assertThat(metric(school, "1.3").get("value").asDouble()).isCloseTo(550.0 / 7, within(1e-9));
        assertThat(school.get("level").asText()).isEqualTo("хорошо");
        assertThat(metric(organization(result, "perm-ddt-1"), "S").get("status").asText())
                .isEqualTo("MISSING_INPUT");

        JsonNode irkutsk = StreamSupport.stream(result.get("municipalities").spliterator(), false)
                .filter(m -> m.get("municipality").asText().equals("г. Иркутск"))
                .findFirst()
                .orElseThrow();
        double mean = List.of("irk-sosh-7", "irk-sosh-12", "irk-dou-5").stream()
                .mapToDouble(
                        id -> metric(organization(result, id), "S").get("value").asDouble())
                .average()
                .orElseThrow();
        JsonNode s = figure(irkutsk, "S");
        assertThat(s.get("mean").asDouble()).isCloseTo(mean, within(1e-9));
        assertThat(s.get("organizations").asInt()).isEqualTo(3);
        assertThat(irkutsk.get("byType")).hasSize(2);
        assertThat(result.get("regions"))
                .extracting(r -> r.get("region").asText())
                .containsExactly("Иркутская область", "Пермский край");
    }

    @Test
    void everyFigureIsGivenExactlyInFullPrecisionAndAsPublished() throws Exception {
        JsonNode school = organization(score(), "irk-sosh-7");

        assertThat(metric(school, "1.1").get("value").asText()).isEqualTo("85.0");
        assertThat(metric(school, "1.1").get("valueExact").asText()).isEqualTo("85");
        assertThat(metric(school, "1.3").get("valueExact").asText()).isEqualTo("550/7");
        assertThat(metric(school, "S").get("valueExact").asText()).isEqualTo("1061/14");
        assertThat(metric(school, "S").get("valuePublished").decimalValue()).isEqualByComparingTo("75.79");
        assertThat(school.get("weightsRescaled").asBoolean()).isFalse();
        assertThat(school.get("rescaledFigures")).isEmpty();
    }

    @Test
    void everyFigureGivesTheCountsItWasComputedFrom() throws Exception {
        JsonNode school = organization(score(), "irk-sosh-7");

        assertThat(counts(metric(school, "2.3"))).isEqualTo("8/10 [8/10]");
        assertThat(counts(metric(school, "1.3"))).isEqualTo("11/14 [5/7, 6/7]");
        assertThat(counts(metric(school, "1.1"))).isEqualTo("44/50 [8/10, 36/40]");
        // 3 remote channels, points per item: no denominator
        assertThat(counts(metric(school, "1.2"))).isEqualTo("3/0 [3/0]");
        assertThat(counts(metric(school, "K1"))).isEqualTo("0/0 []");
        assertThat(counts(metric(school, "S"))).isEqualTo("0/0 []");
        assertThat(counts(metric(organization(score("--edition", "A"), "irk-sosh-7"), "1.3")))
                .isEqualTo("11/20 [11/20]");
    }

    @Test
    void anOrganizationWhoseCriterionWeightsWereRescaledIsFlagged() throws Exception {
        // Nobody with a disability and nobody using remote channels: 3.3 and 4.3 have no data, so K3 and K4 are
        // computed from their other indicators with the weights rescaled.
        Path responses = folder.resolve("responses.jsonl");
        String answers = "\"q1\": true, \"q2\": true, \"q3\": false, \"q5\": true, \"q6\": false, \"q8\": true,"
                + " \"q9\": true, \"q10\": false, \"q12\": true, \"q13\": true, \"q14\": false";
        Files.writeString(
                responses,
                ("{\"campaignId\": \"demo-2026-noko\", \"organizationId\": \"irk-sosh-7\","
                                + " \"respondentRole\": \"parent\", \"answers\": {" + answers + "}}\n")
                        .repeat(3));

        JsonNode school = organization(score("--responses", responses.toString()), "irk-sosh-7");

        assertThat(school.get("weightsRescaled").asBoolean()).isTrue();
        assertThat(school.get("rescaledFigures")).extracting(JsonNode::asText).containsExactly("1.3", "K3", "K4");
        assertThat(metric(school, "K3").get("note").asText()).startsWith("веса пересчитаны");
        assertThat(metric(school, "S").get("status").asText()).isEqualTo("OK");
        assertThat(organization(score(), "irk-sosh-7").get("weightsRescaled").asBoolean())
                .isFalse();
    }

    @Test
    void editionAIsAChoiceOfTheCampaign() throws Exception {
        JsonNode result = score("--edition", "A");

        assertThat(result.at("/model/edition").asText()).isEqualTo("A");
        assertThat(metric(organization(result, "irk-sosh-7"), "S")
                        .get("valuePublished")
                        .asDouble())
                .isEqualTo(72.3);
    }

    @Test
    void theEditionMayBeTypedInLowerCase() throws Exception {
        JsonNode result = score("--edition", "a");

        assertThat(result.at("/model/edition").asText()).isEqualTo("A");
        assertThat(metric(organization(result, "irk-sosh-7"), "S")
                        .get("valuePublished")
                        .asDouble())
                .isEqualTo(72.3);
    }

    @Test
    void aSummaryOnStandardErrorNamesEachRejectedLineCountsTheResponsesAndSaysWhereTheFiguresWent() throws Exception {
        Path output = folder.resolve("result.json");
        Path responses = EXAMPLES.resolve("responses.jsonl");

        int exit = run(
                "--instrument",
                "noko-education",
                "--model",
                "noko-education",
                "--registry",
                EXAMPLES.resolve("registry.csv").toString(),
                "--responses",
                responses.toString(),
                "--output",
                output.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString().lines())
                .containsExactly(
                        responses
                                + ":66: answers.q4: Вопрос не показывается при ответе на вопрос q3, поэтому ответа на него"
                                + " быть не должно",
                        responses + ":67: organizationId: Организации нет в реестре",
                        "score: организаций — 5, принято ответов — 65, отклонено строк — 2; результат записан в "
                                + output);
        assertThat(out.toString()).as("the JSON went to the file").isEmpty();
    }

    @Test
    void aSelfAssessmentThatDoesNotParseIsNamedByFileAndLineInRussianWithoutJavaNames() throws Exception {
        Path broken = folder.resolve("self-assessment.json");
        Files.writeString(
                broken, "[\n  {\"organizationId\": \"irk-sosh-7\",\n   \"inputs\": {\"standItems\": \"восемь\"}}\n]\n");

        int exit = run(arguments("--self-assessment", broken.toString()));

        assertThat(exit).isEqualTo(Commands.FAILED);
        assertThat(err.toString().strip())
                .isEqualTo("score: " + broken + ":3:29: значение «восемь» (запись 1, поле"
                        + " inputs.standItems) не подходит: ожидается целое число");
        assertThat(folder.resolve("result.json")).doesNotExist();
    }

    @Test
    void aSelfAssessmentWithABrokenSyntaxOrAnUnknownFieldIsNamedTheSameWay() throws Exception {
        Path unclosed = folder.resolve("unclosed.json");
        Files.writeString(unclosed, "[{\"organizationId\": \"irk-sosh-7\", \"inputs\": {}}");
        Path misspelt = folder.resolve("misspelt.json");
        Files.writeString(misspelt, "[{\"organizationId\": \"irk-sosh-7\", \"input\": {}}]");

        assertThat(run(arguments("--self-assessment", unclosed.toString()))).isEqualTo(Commands.FAILED);
        assertThat(run(arguments("--self-assessment", misspelt.toString()))).isEqualTo(Commands.FAILED);

        assertThat(err.toString())
                .contains(unclosed + ":1:")
                .contains("файл обрывается")
                .contains(misspelt + ":1:")
                .contains("неизвестное поле «input» (запись 1); известные поля: inputs," + " organizationId")
                .doesNotContain("java.", "jackson", "Exception", "SelfAssessmentFile");
    }

    @Test
    void aMissingFileAndAMissingOptionAreSaidInRussian() throws Exception {
        assertThat(run(arguments("--responses", folder.resolve("nowhere.jsonl").toString())))
                .isEqualTo(Commands.FAILED);
        assertThat(run("--instrument", "noko-education", "--model", "noko-education"))
                .isEqualTo(Commands.FAILED);

        assertThat(err.toString())
                .contains("score: " + folder.resolve("nowhere.jsonl") + ": файл не найден")
                .contains("score: не указано: --registry, --responses");
    }

    @Test
    void responsesThatDoNotFitAreListedWithTheirLineAndProblemAndNotScored() throws Exception {
        JsonNode result = score();

        assertThat(result.at("/responses/rejected").asInt()).isEqualTo(2);
        List<String> rules = new ArrayList<>();
        result.at("/responses/rejectedLines")
                .forEach(line -> line.get("problems")
                        .forEach(problem -> rules.add(line.get("line").asInt() + ":"
                                + problem.get("rule").asText())));
        assertThat(rules).containsExactly("66:hidden-by-skip-logic", "67:unknown-organization");
        assertThat(result.at("/responses/accepted").asInt()).isEqualTo(65);
    }

    @Test
    void coverageTargetAndCapComeFromTheCampaign() throws Exception {
        JsonNode result = score("--coverage-target", "0.2", "--max-respondents", "5");

        JsonNode parents = organization(result, "irk-sosh-7").get("coverage").get(0);
        assertThat(parents.get("role").asText()).isEqualTo("parent");
        assertThat(parents.get("contingent").asInt()).isEqualTo(40);
        assertThat(parents.get("required").asInt()).isEqualTo(5);
        assertThat(parents.get("responses").asInt()).isEqualTo(7);
        assertThat(parents.get("met").asBoolean()).isTrue();
    }

    @Test
    void aBrokenRegistryStopsWithExitCode2AndNoOutput() throws Exception {
        Path registry = folder.resolve("registry.csv");
        Files.writeString(
                registry,
                "organization_id,name,inn,type,municipality,region,contingent_parent\n"
                        + "x,Школа,1234567890,university,Мо,Регион,-5\n");
        Path output = folder.resolve("out.json");

        int exit = Commands.commandLine(new ScoreCommand())
                .execute(
                        "--instrument",
                        "noko-education",
                        "--model",
                        "noko-education",
                        "--registry",
                        registry.toString(),
                        "--responses",
                        EXAMPLES.resolve("responses.jsonl").toString(),
                        "--output",
                        output.toString());

        assertThat(exit).isEqualTo(Commands.FAILED);
        assertThat(output).doesNotExist();
    }

    /** The command as {@code ./noko score} runs it, its standard output and error kept. */
    private int run(String... args) {
        CommandLine command = Commands.commandLine(new ScoreCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    /** The example campaign's arguments, with the given ones added or replacing theirs. */
    private String[] arguments(String... replaced) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--instrument", "noko-education");
        options.put("--model", "noko-education");
        options.put("--registry", EXAMPLES.resolve("registry.csv").toString());
        options.put("--responses", EXAMPLES.resolve("responses.jsonl").toString());
        options.put("--output", folder.resolve("result.json").toString());
        for (int i = 0; i < replaced.length; i += 2) {
            options.put(replaced[i], replaced[i + 1]);
        }
        List<String> args = new ArrayList<>();
        options.forEach((name, value) -> args.addAll(List.of(name, value)));
        return args.toArray(String[]::new);
    }

    private JsonNode score(String... extra) throws Exception {
        Path output = folder.resolve("result.json");
        List<String> args = new ArrayList<>(List.of(
                "--instrument",
                "noko-education",
                "--model",
                "noko-education",
                "--registry",
                EXAMPLES.resolve("registry.csv").toString(),
                "--self-assessment",
                EXAMPLES.resolve("self-assessment.json").toString(),
                "--output",
                output.toString()));
        args.addAll(List.of(extra));
        if (!args.contains("--responses")) {
            args.addAll(
                    List.of("--responses", EXAMPLES.resolve("responses.jsonl").toString()));
        }
        int exit = Commands.commandLine(new ScoreCommand()).execute(args.toArray(String[]::new));
        assertThat(exit).isZero();
        return new ObjectMapper().readTree(output.toFile());
    }

    private static JsonNode organization(JsonNode result, String id) {
        return StreamSupport.stream(result.get("organizations").spliterator(), false)
                .filter(o -> o.get("organizationId").asText().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static JsonNode metric(JsonNode organization, String id) {
        return StreamSupport.stream(organization.get("metrics").spliterator(), false)
                .filter(m -> m.get("id").asText().equals(id))
                .findFirst()
                .orElseThrow();
    }

    /** "numerator/denominator [parts]" of a figure in the JSON. */
    private static String counts(JsonNode metric) {
        List<String> parts = new ArrayList<>();
        metric.get("parts")
                .forEach(p -> parts.add(
                        p.get("numerator").asLong() + "/" + p.get("denominator").asLong()));
        return metric.get("numerator").asLong() + "/"
                + metric.get("denominator").asLong() + " " + parts;
    }

    private static JsonNode figure(JsonNode territory, String id) {
        return StreamSupport.stream(territory.get("figures").spliterator(), false)
                .filter(f -> f.get("id").asText().equals(id))
                .findFirst()
                .orElseThrow();
    }
}
