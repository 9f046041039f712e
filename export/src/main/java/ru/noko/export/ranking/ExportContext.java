package ru.noko.export.ranking;

import java.time.Instant;
import java.util.Map;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.CampaignResult;

/**
 * What one export is made of: the campaign and its figures, and the parameters the ministry must be able to read
 * back — the cut-off (responses received before it count), when the verdicts were last re-checked, which software
 * computed it, and what was excluded and why.
 *
 * @param rejectedByReason responses excluded from the figures, by the anti-fraud reason (or the validation rule) that
 *     excluded them
 * @param recheckedAt when the verdicts the figures rest on were last re-checked in receipt order; null when they are
 *     the live verdicts
 */
public record ExportContext(
        Campaign campaign,
        CampaignResult result,
        Instant cutOff,
        Instant recheckedAt,
        String softwareVersion,
        Map<String, Long> rejectedByReason) {

    public ExportContext {
        rejectedByReason = Map.copyOf(rejectedByReason);
    }
}
