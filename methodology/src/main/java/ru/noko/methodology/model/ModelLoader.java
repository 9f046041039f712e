package ru.noko.methodology.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ru.noko.methodology.data.DataFiles;
import ru.noko.methodology.data.DataFormatException;
import ru.noko.methodology.instrument.Instrument;
import ru.noko.methodology.instrument.Question;
import ru.noko.methodology.instrument.QuestionType;
import ru.noko.methodology.model.NokoModel.CountDefinition;
import ru.noko.methodology.model.NokoModel.CriterionDefinition;
import ru.noko.methodology.model.NokoModel.Edition;
import ru.noko.methodology.model.NokoModel.IndicatorDefinition;
import ru.noko.methodology.model.NokoModel.Share;
import ru.noko.methodology.model.TopicSharesModel.Topic;
import ru.noko.methodology.scoring.Level;

/**
 * Reads a scoring model from YAML ({@code kind: noko} or {@code kind: topic_shares}) and checks it against the
 * instrument it scores: every question, count and input it names exists, every indicator has one formula, criterion
 * weights sum to 1 in each edition.
 */
public final class ModelLoader {

    public static final String FOLDER = "models/";

    private ModelLoader() {}

    /** A model shipped in the schemas jar: {@code models/<id>.yaml}. */
    public static ScoringModel bundled(String id, Instrument instrument) throws IOException {
        try (InputStream in = ModelLoader.class.getClassLoader().getResourceAsStream(FOLDER + id + ".yaml")) {
            if (in == null) {
                throw new IOException("no " + FOLDER + id + ".yaml on the classpath");
            }
            return parse(DataFiles.yaml().readTree(in), instrument, FOLDER + id + ".yaml");
        }
    }

    public static ScoringModel read(Path file, Instrument instrument) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(DataFiles.yaml().readTree(in), instrument, file.toString());
        }
    }

    private static ScoringModel parse(JsonNode tree, Instrument instrument, String source) throws IOException {
        String kind = tree.path("kind").asText();
        ScoringModel model = switch (kind) {
            case NokoModel.KIND -> DataFiles.yaml().treeToValue(tree, NokoModel.class);
            case TopicSharesModel.KIND -> DataFiles.yaml().treeToValue(tree, TopicSharesModel.class);
            default ->
                throw new DataFormatException(source, List.of("kind must be noko or topic_shares, not '" + kind + "'"));
        };
        List<String> problems = new ArrayList<>();
        if (!instrument.id().equals(model.instrument())) {
            problems.add("scores instrument '" + model.instrument() + "', not '" + instrument.id() + "'");
        }
        checkLevels(model.levels(), problems);
        if (model instanceof NokoModel noko) {
            checkNoko(noko, instrument, problems);
        } else if (model instanceof TopicSharesModel shares) {
            checkTopicShares(shares, instrument, problems);
        }
        if (!problems.isEmpty()) {
            throw new DataFormatException(source, problems);
        }
        return model;
    }

    private static void checkNoko(NokoModel model, Instrument instrument, List<String> problems) {
        if (model.edition() == null || model.score() == null || model.coverage() == null) {
            problems.add("edition, score and coverage are required");
            return;
        }
        Set<String> counts = new HashSet<>();
        for (CountDefinition count : model.counts()) {
            if (!counts.add(count.id())) {
                problems.add("count '" + count.id() + "' is defined twice");
            }
            if (count.when() != null
                    && instrument.question(count.when().question()).isEmpty()) {
                problems.add("count '" + count.id() + "' uses unknown question '"
                        + count.when().question() + "'");
            }
        }
        Set<String> inputs = new HashSet<>();
        model.expertInputs().forEach(input -> {
            if (!inputs.add(input.id())) {
                problems.add("expert input '" + input.id() + "' is defined twice");
            }
        });
        model.expertInputs().stream()
                .filter(input -> input.atMost() != null && !inputs.contains(input.atMost()))
                .forEach(input -> problems.add("expert input '" + input.id() + "' atMost names unknown input"));
        for (IndicatorDefinition indicator : model.indicators()) {
            checkIndicator(indicator, counts, inputs, problems);
        }
        for (Edition edition : Edition.values()) {
            NokoModel variant = model.withEdition(edition);
            Set<String> inForce = new HashSet<>();
            variant.indicatorsInForce().forEach(indicator -> {
                if (!inForce.add(indicator.id())) {
                    problems.add("indicator " + indicator.id() + " has two definitions in edition " + edition);
                }
            });
            for (CriterionDefinition criterion : model.criteria()) {
                criterion.weights().keySet().stream()
                        .filter(id -> !inForce.contains(id))
                        .forEach(id -> problems.add("criterion " + criterion.id() + " weighs indicator " + id
                                + ", absent in edition " + edition));
            }
        }
        for (CriterionDefinition criterion : model.criteria()) {
            BigDecimal sum = criterion.weights().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            if (sum.compareTo(BigDecimal.ONE) != 0) {
                problems.add("weights of " + criterion.id() + " sum to " + sum.toPlainString() + ", not 1");
            }
        }
    }

    private static void checkIndicator(
            IndicatorDefinition indicator, Set<String> counts, Set<String> inputs, List<String> problems) {
        String at = "indicator " + indicator.id() + ": ";
        long formulas = java.util.stream.Stream.of(
                        indicator.ratioMean(), indicator.pointsPerItem(), indicator.share(), indicator.meanOfShares())
                .filter(formula -> formula != null)
                .count();
        if (formulas != 1) {
            problems.add(at + "give exactly one of ratioMean, pointsPerItem, share, meanOfShares");
            return;
        }
        List<Share> shares = new ArrayList<>();
        if (indicator.share() != null) {
            shares.add(indicator.share());
        }
        if (indicator.meanOfShares() != null) {
            shares.addAll(indicator.meanOfShares());
        }
        for (Share share : shares) {
            java.util.stream.Stream.concat(share.numerator().stream(), share.denominator().stream())
                    .filter(id -> !counts.contains(id))
                    .forEach(id -> problems.add(at + "unknown count '" + id + "'"));
        }
        if (indicator.ratioMean() != null) {
            indicator
                    .ratioMean()
                    .forEach(part -> java.util.stream.Stream.of(part.present(), part.required())
                            .filter(id -> !inputs.contains(id))
                            .forEach(id -> problems.add(at + "unknown expert input '" + id + "'")));
        }
        if (indicator.pointsPerItem() != null
                && !inputs.contains(indicator.pointsPerItem().input())) {
            problems.add(
                    at + "unknown expert input '" + indicator.pointsPerItem().input() + "'");
        }
        if (indicator.pointsPerItem() != null
                && (indicator.pointsPerItem().points() == null
                        || indicator.pointsPerItem().cap() == null)) {
            problems.add(at + "pointsPerItem needs points and cap");
        }
    }

    private static void checkTopicShares(TopicSharesModel model, Instrument instrument, List<String> problems) {
        if (model.positive() == null
                || model.overall() == null
                || model.coverage() == null
                || model.topics().isEmpty()) {
            problems.add("positive, topics, overall and coverage are required");
            return;
        }
        Set<String> topics = new HashSet<>();
        Set<String> used = new HashSet<>();
        Map<String, Question> questions = instrument.questionsById();
        for (Topic topic : model.topics()) {
            if (!topics.add(topic.id())) {
                problems.add("topic '" + topic.id() + "' is defined twice");
            }
            if (topic.questions().isEmpty()) {
                problems.add("topic '" + topic.id() + "' has no questions");
            }
            for (String id : topic.questions()) {
                Question question = questions.get(id);
                if (question == null) {
                    problems.add("topic '" + topic.id() + "' uses unknown question '" + id + "'");
                } else if (!List.of(QuestionType.YES_NO, QuestionType.LIKERT_5, QuestionType.SINGLE_CHOICE)
                        .contains(question.type())) {
                    problems.add("question '" + id + "' of topic '" + topic.id() + "' cannot be positive or not");
                } else if (!used.add(id)) {
                    problems.add("question '" + id + "' is in two topics; the overall share would count it twice");
                }
            }
        }
    }

    private static void checkLevels(List<Level> levels, List<String> problems) {
        Set<BigDecimal> mins = new HashSet<>();
        BigDecimal hundred = BigDecimal.valueOf(100);
        for (Level level : levels) {
            if (level.min() == null
                    || level.min().signum() < 0
                    || level.min().compareTo(hundred) > 0
                    || !mins.add(level.min().stripTrailingZeros())) {
                problems.add("level '" + level.name() + "' needs a distinct min within 0..100");
            }
        }
        if (!levels.isEmpty()
                && levels.stream()
                        .noneMatch(level -> level.min() != null && level.min().signum() == 0)) {
            problems.add("the lowest level must start at 0, so every value has a level");
        }
    }
}
