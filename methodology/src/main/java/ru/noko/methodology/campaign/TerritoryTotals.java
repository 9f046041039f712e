package ru.noko.methodology.campaign;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ru.noko.methodology.scoring.ExactSum;
import ru.noko.methodology.scoring.Metric;
import ru.noko.methodology.scoring.SurveyCounters;

/**
 * What a territory's figures are computed from, as sums that merge: each organization is added to the one cell of
 * its municipality and type, and every territory (a municipality, a region, each by type) merges cells, so an
 * organization's figures are summed once rather than once per territory it belongs to. Exact, so the merged figures
 * equal those summed over the members directly.
 */
final class TerritoryTotals {

    /** the metrics as the model lists them, from the first organization added (one model per campaign) */
    private final List<Metric> templates;

    private final ExactSum[] figures;
    private final Map<String, long[]> coverage = new HashMap<>();
    private SurveyCounters pooled = SurveyCounters.empty();
    private int organizations;
    private int representative;
    private long responses;

    TerritoryTotals(List<Metric> templates) {
        this.templates = templates;
        this.figures = new ExactSum[templates.size()];
        for (int i = 0; i < figures.length; i++) {
            figures[i] = new ExactSum();
        }
    }

    /** @param pool whether the model pools answers, so the members' counters are summed too */
    void add(OrganizationResult member, boolean pool) {
        List<Metric> metrics = member.metrics();
        long weight = member.counters().responses();
        for (int position = 0; position < templates.size(); position++) {
            String id = templates.get(position).id();
            Metric metric =
                    position < metrics.size() && metrics.get(position).id().equals(id)
                            ? metrics.get(position)
                            : member.metric(id);
            if (metric.isDefined()) {
                figures[position].add(metric.exact(), weight);
            }
        }
        if (pool) {
            pooled = pooled.plus(member.counters());
        }
        for (RoleCoverage role : member.coverage()) {
            long[] sum = coverage.computeIfAbsent(role.role(), r -> new long[3]);
            sum[0] += role.responses();
            sum[1] += role.contingent();
            sum[2] += role.required();
        }
        organizations++;
        representative += member.representative() ? 1 : 0;
        responses += weight;
    }

    void add(TerritoryTotals other) {
        for (int position = 0; position < figures.length; position++) {
            figures[position].add(other.figures[position]);
        }
        pooled = pooled.plus(other.pooled);
        other.coverage.forEach((role, sum) -> {
            long[] mine = coverage.computeIfAbsent(role, r -> new long[3]);
            for (int i = 0; i < 3; i++) {
                mine[i] += sum[i];
            }
        });
        organizations += other.organizations;
        representative += other.representative;
        responses += other.responses;
    }

    /** An empty total of the same metrics, to merge cells into. */
    TerritoryTotals emptyLike() {
        return new TerritoryTotals(templates);
    }

    List<Metric> templates() {
        return templates;
    }

    ExactSum figure(int position) {
        return figures[position];
    }

    SurveyCounters pooled() {
        return pooled;
    }

    int organizations() {
        return organizations;
    }

    int representative() {
        return representative;
    }

    long responses() {
        return responses;
    }

    /** Responses against the contingent per role, summed, in the order of {@code roles}. */
    List<RoleCoverage> coverage(List<String> roles) {
        List<RoleCoverage> coverages = new ArrayList<>();
        for (String role : roles) {
            long[] sum = coverage.get(role);
            if (sum != null) {
                coverages.add(RoleCoverage.of(role, sum[0], sum[1], sum[2]));
            }
        }
        return coverages;
    }
}
