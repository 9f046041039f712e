package ru.noko.methodology.campaign;

import java.util.List;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.scoring.Metric;
import ru.noko.methodology.scoring.SurveyCounters;

/**
 * Everything computed for one organization.
 *
 * @param level display level of the main figure, or null while it is undefined
 * @param coverage per respondent role with a contingent
 * @param representative every role with a contingent reached its required number of responses
 */
public record OrganizationResult(
        Organization organization,
        SurveyCounters counters,
        List<Metric> metrics,
        String level,
        List<RoleCoverage> coverage,
        boolean representative) {

    public Metric metric(String id) {
        return metrics.stream()
                .filter(metric -> metric.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    /**
     * The figures computed from part of their inputs with the weights rescaled (a criterion with an indicator
     * nobody could answer, 1.3 from one of its halves), in the model's order; empty for most organizations.
     */
    public List<String> rescaled() {
        return metrics.stream().filter(Metric::rescaled).map(Metric::id).toList();
    }

    /** The organization's figures rest on rescaled weights somewhere: a flag for whoever reads its score. */
    public boolean weightsRescaled() {
        return metrics.stream().anyMatch(Metric::rescaled);
    }
}
