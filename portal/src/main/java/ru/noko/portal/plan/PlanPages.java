package ru.noko.portal.plan;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.portal.campaign.CampaignCatalog;
import ru.noko.publication.ResultsPublisher;
import ru.noko.publication.site.Publication;

/** What every plan page needs: the published campaigns (plans exist for them only) and today where they run. */
@Component
class PlanPages {

    private final CampaignCatalog campaigns;
    private final ResultsPublisher publisher;

    PlanPages(CampaignCatalog campaigns, ResultsPublisher publisher) {
        this.campaigns = campaigns;
        this.publisher = publisher;
    }

    /** The published campaigns, oldest first. */
    List<Campaign> published() {
        try {
            return publisher.site().publications().stream()
                    .map(Publication::campaignId)
                    .map(campaigns::find)
                    .flatMap(java.util.Optional::stream)
                    .toList();
        } catch (java.io.IOException e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Папка публикации недоступна");
        }
    }

    /** The campaign asked for (published), or the newest published one; null when none is. */
    Campaign chosen(String id) {
        List<Campaign> published = published();
        if (id != null && !id.isBlank()) {
            return published.stream()
                    .filter(c -> c.id().equals(id))
                    .findFirst()
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        return published.isEmpty() ? null : published.get(published.size() - 1);
    }

    static LocalDate today(Campaign campaign) {
        return LocalDate.now(ZoneId.of(campaign.definition().timeZone()));
    }
}
