package ru.noko.methodology.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import ru.noko.methodology.campaign.CampaignResult;
import ru.noko.methodology.campaign.CampaignScoring;
import ru.noko.methodology.data.ResponseFile;
import ru.noko.methodology.data.SelfAssessmentFile;
import ru.noko.methodology.data.UnreadableFileException;
import ru.noko.methodology.instrument.AnswerProblem;
import ru.noko.methodology.instrument.Instrument;
import ru.noko.methodology.instrument.InstrumentLoader;
import ru.noko.methodology.model.Coverage;
import ru.noko.methodology.model.ModelLoader;
import ru.noko.methodology.model.NokoModel;
import ru.noko.methodology.model.ScoringModel;
import ru.noko.methodology.registry.OrganizationRegistry;
import ru.noko.methodology.registry.RegistryCsv;
import ru.noko.methodology.registry.RegistryImportException;

/**
 * {@code ./noko score}: the batch reference of the methodology. Reads an instrument, a model, the registry, responses
 * (JSON lines) and self-assessments, and prints the figures per organization, municipality and region as JSON. The
 * streaming job is checked against it; analysts use it to recompute by hand.
 */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Computes a campaign's figures per organization, municipality and region, as JSON.")
public final class ScoreCommand implements Callable<Integer> {

    /** Rejected response lines named on standard error; the JSON lists them all. */
    private static final int REJECTED_LINES_SHOWN = 20;

    @Option(
            names = "--instrument",
            required = true,
            description =
                    "instrument YAML file, or the id of a bundled one (noko-education, regional-satisfaction, municipal-mechanisms)")
    String instrument;

    @Option(names = "--model", required = true, description = "scoring model YAML file, or the id of a bundled one")
    String model;

    @Option(names = "--registry", required = true, description = "organization registry CSV")
    Path registry;

    @Option(names = "--responses", required = true, description = "responses, one JSON object per line")
    Path responses;

    @Option(names = "--self-assessment", description = "self-assessment inputs JSON (НОКО expert checklist)")
    Path selfAssessment;

    @Option(
            names = "--edition",
            converter = EditionOption.class,
            description = "НОКО edition A or B, in either case (default: the model's)")
    NokoModel.Edition edition;

    @Option(
            names = "--coverage-target",
            description = "share of each role's contingent that must answer, 0..1 (default: the model's)")
    BigDecimal coverageTarget;

    @Option(
            names = "--max-respondents",
            description = "cap of required responses per organization and role (default: the model's)")
    Integer maxRespondents;

    @Option(names = "--output", description = "write the JSON here instead of standard output")
    Path output;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        Commands.run(new ScoreCommand(), args);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        try {
            Instrument questionnaire = isFile(instrument)
                    ? UnreadableFileException.read(Path.of(instrument), InstrumentLoader::read)
                    : InstrumentLoader.bundled(instrument);
            ScoringModel scoring = isFile(model)
                    ? UnreadableFileException.read(Path.of(model), file -> ModelLoader.read(file, questionnaire))
                    : ModelLoader.bundled(model, questionnaire);
            if (edition != null) {
                if (!(scoring instanceof NokoModel noko)) {
                    throw new CommandFailure("--edition задаёт редакцию НОКО, а модель " + scoring.id() + " — не НОКО");
                }
                scoring = noko.withEdition(edition);
            }
            Coverage coverage = new Coverage(
                    coverageTarget != null ? coverageTarget : scoring.coverage().target(),
                    maxRespondents != null ? maxRespondents : scoring.coverage().maxRespondents());
            OrganizationRegistry organizations = UnreadableFileException.read(registry, RegistryCsv::read);
            ScoringModel chosen = scoring;
            ResponseFile.Read read = UnreadableFileException.read(
                    responses, file -> ResponseFile.read(file, questionnaire, chosen, organizations));
            Map<String, Map<String, Integer>> inputs = selfAssessment == null
                    ? Map.of()
                    : UnreadableFileException.read(
                            selfAssessment, file -> SelfAssessmentFile.read(file, chosen, organizations));

            CampaignResult result = new CampaignScoring(scoring, coverage, questionnaire.roles())
                    .score(organizations, read.counters(), inputs);
            write(describe(scoring, coverage, questionnaire, read, result));
            summarize(err, organizations, read);
            return 0;
        } catch (RegistryImportException e) {
            throw CommandFailure.registry(registry, e, "");
        }
    }

    /**
     * What the person running the command needs to know beside the JSON: each response line set aside, with its
     * file and line, and how many responses counted and where the figures went.
     */
    private void summarize(PrintWriter err, OrganizationRegistry organizations, ResponseFile.Read read) {
        read.rejected().stream()
                .limit(REJECTED_LINES_SHOWN)
                .forEach(line -> err.println(responses + ":" + line.line() + ": "
                        + line.problems().stream().map(ScoreCommand::problem).collect(Collectors.joining("; "))));
        if (read.rejected().size() > REJECTED_LINES_SHOWN) {
            err.println("  … и ещё строк: " + (read.rejected().size() - REJECTED_LINES_SHOWN)
                    + " (все — в responses.rejectedLines результата)");
        }
        // "принято ответов — N" reads right for any N, unlike "N ответов".
        err.println("score: организаций — " + organizations.size() + ", принято ответов — " + read.accepted()
                + ", отклонено строк — " + read.rejected().size() + "; результат "
                + (output == null ? "выведен в стандартный вывод" : "записан в " + output));
        err.flush();
    }

    private static String problem(AnswerProblem problem) {
        return problem.field().equals("line") ? problem.message() : problem.field() + ": " + problem.message();
    }

    private ObjectNode describe(
            ScoringModel scoring,
            Coverage coverage,
            Instrument questionnaire,
            ResponseFile.Read read,
            CampaignResult result) {
        ResultJson json = new ResultJson();
        ObjectNode root = json.object();
        ObjectNode about = root.putObject("model");
        about.put("id", scoring.id());
        about.put("title", scoring.title());
        if (scoring instanceof NokoModel noko) {
            about.put("edition", noko.edition().name());
        }
        about.put("instrument", questionnaire.id() + " v" + questionnaire.version());
        about.put("mainFigure", scoring.mainMetric());
        about.put("territoryFigure", scoring.territoryBasis().code());
        ObjectNode target = root.putObject("coverageTarget");
        target.put("share", coverage.target());
        target.put("maxRespondentsPerOrganization", coverage.maxRespondents());
        ObjectNode responsesNode = root.putObject("responses");
        responsesNode.put("accepted", read.accepted());
        responsesNode.put("rejected", read.rejected().size());
        ArrayNode rejected = responsesNode.putArray("rejectedLines");
        read.rejected().forEach(r -> {
            ObjectNode line = rejected.addObject();
            line.put("line", r.line());
            line.putPOJO("problems", r.problems());
        });
        return json.organizations(result, root);
    }

    private void write(ObjectNode root) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        if (output != null) {
            mapper.writeValue(output.toFile(), root);
        } else {
            PrintWriter out = new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
            out.println(mapper.writeValueAsString(root));
            out.flush();
        }
    }

    private static boolean isFile(String reference) {
        return reference.contains("/") || reference.endsWith(".yaml") || Files.isRegularFile(Path.of(reference));
    }
}
