package ru.noko.methodology.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.noko.methodology.scoring.Level;
import ru.noko.methodology.scoring.Metric;
import ru.noko.methodology.scoring.SurveyCounters;

/**
 * How a survey's answers become figures: which counts to keep per organization, and the figures computed from them
 * (and from the organization's self-assessment, where the model uses expert inputs). Read from YAML by
 * {@link ModelLoader}.
 */
public sealed interface ScoringModel permits NokoModel, TopicSharesModel {

    String id();

    String title();

    /** Id of the instrument whose answers it scores. */
    String instrument();

    /** The default representativeness target; a campaign may set its own. */
    Coverage coverage();

    /** Display scale for the main figure (rating level, mechanism level). */
    List<Level> levels();

    /** Id of the figure territories are ranked and levelled by. */
    String mainMetric();

    /** How a territory's published figures are formed from its organizations. */
    default TerritoryBasis territoryBasis() {
        return TerritoryBasis.ORGANIZATION_MEAN;
    }

    /**
     * Whether figures can be computed from a territory's counters summed over its organizations (the answers pooled
     * together): true when they depend on the answers' counts alone, false where they need each organization's
     * self-assessment.
     */
    default boolean poolable() {
        return false;
    }

    /** The named counts one accepted response adds to its organization's counters: every one of {@link #counterIds}. */
    default Map<String, Long> countsOf(String role, Map<String, ?> answers) {
        long[] values = countVector(role, answers);
        List<String> ids = counterIds();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            counts.put(ids.get(i), values[i]);
        }
        return counts;
    }

    /**
     * The same counts as {@link #countsOf}, as a vector in {@link #counterIds} order: what the stream computes for
     * every response it reads, so it builds no map. Answers may be any {@link CharSequence} and {@link List}.
     */
    long[] countVector(String role, Map<String, ?> answers);

    /**
     * The ids {@link #countsOf} returns, always all of them and in this order, so a stream can carry a response's
     * counts as a plain vector.
     */
    List<String> counterIds();

    /** Every figure of one organization, in the model's order, the main figure last. */
    List<Metric> score(SurveyCounters counters, Map<String, Integer> expertInputs);

    /** Checks a self-assessment against the model's expert inputs; Russian messages, empty when fine. */
    List<String> checkExpertInputs(Map<String, Integer> inputs);
}
