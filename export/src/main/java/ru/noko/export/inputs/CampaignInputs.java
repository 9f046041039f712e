package ru.noko.export.inputs;

import java.time.Instant;
import java.util.Map;
import ru.noko.methodology.registry.OrganizationRegistry;
import ru.noko.methodology.scoring.SurveyCounters;

/**
 * Everything an export computes a campaign's figures from: the registry, the accepted responses summed per
 * organization, the self-assessments, and what was left out and why.
 *
 * @param accepted how many responses the counters hold
 * @param excluded responses left out of the figures, by reason
 * @param recheckedAt when the verdicts were last re-checked in receipt order, or null for live verdicts
 */
public record CampaignInputs(
        OrganizationRegistry registry,
        Map<String, SurveyCounters> counters,
        Map<String, Map<String, Integer>> selfAssessments,
        long accepted,
        Map<String, Long> excluded,
        Instant recheckedAt) {}
