package ru.noko.publication;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import ru.noko.export.inputs.CampaignInputs;
import ru.noko.export.ranking.ExportContext;
import ru.noko.export.ranking.Exporter;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.CampaignResult;
import ru.noko.publication.figures.PublicPlan;
import ru.noko.publication.figures.PublicResults;
import ru.noko.publication.site.PublicSite;
import ru.noko.publication.site.Publication;

/**
 * Publishes a campaign's results at a cut-off: the ministry's export at that cut-off is written (or found, where it
 * exists: an export is never written twice), and the public site is rendered from the very same figures, with the
 * export's manifest beside them. The change is against the previous campaign's figures at the cut-off it was
 * published at (or at this one, where it never was).
 */
public final class ResultsPublisher {

    /** A campaign's stored inputs at a cut-off (ClickHouse on a running platform). */
    @FunctionalInterface
    public interface Inputs {
        CampaignInputs read(Campaign campaign, Instant cutOff) throws Exception;
    }

    /** A campaign's approved improvement plans, by organization, as they are now. */
    @FunctionalInterface
    public interface Plans {
        Map<String, PublicPlan> approved(String campaignId) throws Exception;
    }

    /** What a publication put out: its record and the figures, for whatever follows from them (plans). */
    public record Published(Publication publication, PublicResults results) {}

    private final Function<String, Optional<Campaign>> campaigns;
    private final Inputs inputs;
    private final Exporter exporter;
    private final PublicSite site;
    private final Plans plans;

    public ResultsPublisher(
            Function<String, Optional<Campaign>> campaigns, Inputs inputs, Exporter exporter, PublicSite site) {
        this(campaigns, inputs, exporter, site, campaign -> Map.of());
    }

    public ResultsPublisher(
            Function<String, Optional<Campaign>> campaigns,
            Inputs inputs,
            Exporter exporter,
            PublicSite site,
            Plans plans) {
        this.campaigns = campaigns;
        this.inputs = inputs;
        this.exporter = exporter;
        this.site = site;
        this.plans = plans;
    }

    public PublicSite site() {
        return site;
    }

    public Publication publish(String campaignId, Instant cutOff, String publishedBy, Instant now) throws Exception {
        return publishing(campaignId, cutOff, publishedBy, now).publication();
    }

    /**
     * Renders a published campaign's pages again at the cut-off it was published at, as published (by whom, when):
     * the figures do not change, the approved plans on its pages do. False when the campaign is not published.
     */
    public boolean republish(String campaignId) throws Exception {
        Optional<Publication> published = site.publication(campaignId);
        if (published.isEmpty()) {
            return false;
        }
        Publication was = published.get();
        publishing(campaignId, was.cutOff(), was.publishedBy(), was.publishedAt());
        return true;
    }

    /** As {@link #publish}, returning the figures as well. */
    public Published publishing(String campaignId, Instant cutOff, String publishedBy, Instant now) throws Exception {
        Campaign campaign = campaigns
                .apply(campaignId)
                .orElseThrow(() -> new IllegalArgumentException("неизвестная кампания '" + campaignId + "'"));
        if (cutOff.isAfter(now)) {
            throw new IllegalArgumentException("время отсечки " + cutOff + " ещё не наступило");
        }
        Figures figures = figures(campaign, cutOff);
        if (!exporter.exported(campaign, cutOff)) {
            exporter.export(campaign, figures.stored(), cutOff);
        }
        byte[] manifest = exporter.manifest(figures.context());
        PublicResults results = figures.results();
        Publication publication = site.publish(
                results,
                manifest,
                new Publication(
                        campaignId,
                        cutOff,
                        now,
                        publishedBy,
                        results.organizations().size()),
                plans.approved(campaignId));
        return new Published(publication, results);
    }

    /**
     * A campaign's results at a cut-off, as a publication at that cut-off would show them, without publishing
     * anything (the analytical report's figures).
     */
    public PublicResults results(String campaignId, Instant cutOff) throws Exception {
        Campaign campaign = campaigns
                .apply(campaignId)
                .orElseThrow(() -> new IllegalArgumentException("неизвестная кампания '" + campaignId + "'"));
        return figures(campaign, cutOff).results();
    }

    private record Figures(CampaignInputs stored, ExportContext context, PublicResults results) {}

    private Figures figures(Campaign campaign, Instant cutOff) throws Exception {
        CampaignInputs stored = inputs.read(campaign, cutOff);
        ExportContext context = exporter.context(campaign, stored, cutOff);
        String previousId = campaign.definition().previous();
        CampaignResult previous = null;
        if (previousId != null && !previousId.isEmpty()) {
            Optional<Campaign> before = campaigns.apply(previousId);
            if (before.isPresent()) {
                Instant at =
                        site.publication(previousId).map(Publication::cutOff).orElse(cutOff);
                CampaignInputs then = inputs.read(before.get(), at);
                previous = before.get().scoring().score(then.registry(), then.counters(), then.selfAssessments());
            }
        }
        return new Figures(stored, context, PublicResults.of(context, previousId, previous));
    }

    public boolean withdraw(String campaignId) throws Exception {
        return site.withdraw(campaignId);
    }
}
