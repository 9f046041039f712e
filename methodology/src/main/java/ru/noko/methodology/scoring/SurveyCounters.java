package ru.noko.methodology.scoring;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything a model needs from one organization's accepted responses, as sums: the number of responses (in all and
 * per respondent role) and the model's named counts. Counters of disjoint sets of responses merge by adding, in any
 * order or grouping, so a streaming job can keep them in keyed state and combine partial sums.
 */
public final class SurveyCounters {

    private static final SurveyCounters EMPTY = new SurveyCounters(0, Map.of(), Map.of());

    private final long responses;
    private final Map<String, Long> responsesByRole;
    private final Map<String, Long> counts;

    private SurveyCounters(long responses, Map<String, Long> responsesByRole, Map<String, Long> counts) {
        this.responses = responses;
        this.responsesByRole = Map.copyOf(responsesByRole);
        this.counts = Map.copyOf(counts);
    }

    public static SurveyCounters empty() {
        return EMPTY;
    }

    /** The counters of a single accepted response. */
    public static SurveyCounters ofResponse(String role, Map<String, Long> counts) {
        Map<String, Long> nonZero = new TreeMap<>();
        counts.forEach((id, count) -> {
            if (count < 0) {
                throw new IllegalArgumentException("count " + id + " is negative");
            }
            if (count > 0) {
                nonZero.put(id, count);
            }
        });
        return new SurveyCounters(1, Map.of(role, 1L), nonZero);
    }

    /** Rebuilds counters from stored sums (state, a table row). */
    public static SurveyCounters of(long responses, Map<String, Long> responsesByRole, Map<String, Long> counts) {
        return new SurveyCounters(responses, responsesByRole, counts);
    }

    public SurveyCounters plus(SurveyCounters other) {
        return new SurveyCounters(
                responses + other.responses, add(responsesByRole, other.responsesByRole), add(counts, other.counts));
    }

    public long responses() {
        return responses;
    }

    public long responses(String role) {
        return responsesByRole.getOrDefault(role, 0L);
    }

    public Map<String, Long> responsesByRole() {
        return new TreeMap<>(responsesByRole);
    }

    /** A named count; 0 when no response added to it. */
    public long count(String id) {
        return counts.getOrDefault(id, 0L);
    }

    public Map<String, Long> counts() {
        return new TreeMap<>(counts);
    }

    private static Map<String, Long> add(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> sum = new TreeMap<>(a);
        b.forEach((id, count) -> sum.merge(id, count, Long::sum));
        return sum;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SurveyCounters that
                && responses == that.responses
                && responsesByRole.equals(that.responsesByRole)
                && counts.equals(that.counts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(responses, responsesByRole, counts);
    }

    @Override
    public String toString() {
        return "SurveyCounters[" + responses + " " + new TreeMap<>(responsesByRole) + " " + new TreeMap<>(counts) + "]";
    }
}
