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
public record OrganizationResult(Organization organization, SurveyCounters counters, List<Metric> metrics,
        String level, List<RoleCoverage> coverage, boolean representative) {

    public Metric metric(String id) {
        return metrics.stream().filter(metric -> metric.id().equals(id)).findFirst().orElseThrow();
    }
}
