package ru.noko.methodology.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ru.noko.methodology.scoring.Exact;
import ru.noko.methodology.scoring.Level;
import ru.noko.methodology.scoring.Metric;
import ru.noko.methodology.scoring.Metric.Part;
import ru.noko.methodology.scoring.MetricStatus;
import ru.noko.methodology.scoring.SurveyCounters;

/**
 * Shares of positive answers by topic: the regional satisfaction survey (% satisfied per topic and overall, letter
 * 000) and the municipal quality-management mechanisms survey (a score per mechanism and a level, letter 003). A
 * topic's share is 100 × positive answers / answers to its questions; the overall share pools the answers of every
 * topic.
 *
 * @param positive what counts as a positive answer
 * @param topics groups of questions, each scored on its own
 * @param overall the pooled figure, the model's main one
 * @param levels display scale of the overall figure (optional)
 * @param territoryFigure how a municipality's or region's published figure is formed: the mean of its organizations'
 *     shares (the default) or the share over its answers pooled together
 */
public record TopicSharesModel(
        String kind,
        String id,
        int version,
        String title,
        String instrument,
        PositiveAnswer positive,
        List<Topic> topics,
        Overall overall,
        List<Level> levels,
        Coverage coverage,
        TerritoryBasis territoryFigure)
        implements ScoringModel {

    public static final String KIND = "topic_shares";
    static final String ANSWERED = ".answered";
    static final String POSITIVE = ".positive";

    /**
     * @param yes a yes/no answer of {@code true} is positive
     * @param likertAtLeast a Likert answer at least this is positive (4: «скорее удовлетворен» and above)
     * @param options single-choice option ids that are positive
     */
    public record PositiveAnswer(boolean yes, Integer likertAtLeast, List<String> options) {
        public PositiveAnswer {
            options = options == null ? List.of() : List.copyOf(options);
        }

        boolean holds(Object answer) {
            if (answer instanceof Boolean b) {
                return yes && b;
            }
            if (answer instanceof Number n) {
                return likertAtLeast != null && n.doubleValue() >= likertAtLeast;
            }
            return answer instanceof CharSequence option && options.contains(option.toString());
        }
    }

    public record Topic(String id, String name, List<String> questions) {
        public Topic {
            questions = List.copyOf(questions);
        }
    }

    public record Overall(String id, String name) {}

    public TopicSharesModel {
        topics = List.copyOf(topics);
        levels = levels == null ? List.of() : List.copyOf(levels);
        territoryFigure = territoryFigure == null ? TerritoryBasis.ORGANIZATION_MEAN : territoryFigure;
    }

    @Override
    public TerritoryBasis territoryBasis() {
        return territoryFigure;
    }

    /** Shares depend on the answers' counts alone, so a territory's counters can be scored like an organization's. */
    @Override
    public boolean poolable() {
        return true;
    }

    @Override
    public String mainMetric() {
        return overall.id();
    }

    @Override
    public List<String> counterIds() {
        List<String> ids = new ArrayList<>();
        topics.forEach(topic -> {
            ids.add(topic.id() + ANSWERED);
            ids.add(topic.id() + POSITIVE);
        });
        return ids;
    }

    @Override
    public long[] countVector(String role, Map<String, ?> answers) {
        long[] vector = new long[2 * topics.size()];
        int at = 0;
        for (Topic topic : topics) {
            long answered = 0;
            long positives = 0;
            for (String question : topic.questions()) {
                Object answer = answers.get(question);
                if (answer != null) {
                    answered++;
                    positives += positive.holds(answer) ? 1 : 0;
                }
            }
            vector[at++] = answered;
            vector[at++] = positives;
        }
        return vector;
    }

    @Override
    public List<Metric> score(SurveyCounters counters, Map<String, Integer> expertInputs) {
        List<Metric> metrics = new ArrayList<>();
        long answered = 0;
        long positives = 0;
        for (Topic topic : topics) {
            long topicAnswered = counters.count(topic.id() + ANSWERED);
            long topicPositive = counters.count(topic.id() + POSITIVE);
            answered += topicAnswered;
            positives += topicPositive;
            metrics.add(share(topic.id(), topic.name(), topicPositive, topicAnswered));
        }
        metrics.add(share(overall.id(), overall.name(), positives, answered));
        return metrics;
    }

    private static Metric share(String id, String name, long positives, long answered) {
        return answered == 0
                ? Metric.undefined(id, name, MetricStatus.NO_DATA)
                : Metric.ok(id, name, Exact.percent(positives, answered), null, List.of(new Part(positives, answered)));
    }

    @Override
    public List<String> checkExpertInputs(Map<String, Integer> inputs) {
        return inputs.isEmpty() ? List.of() : List.of("модель «" + title + "» не использует данные самообследования");
    }
}
