package ru.noko.portal.campaign;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.methodology.registry.OrganizationType;

/** The campaigns the region runs, and which of them are open to an organization's type now. */
@Component
public class CampaignCatalog {

    private final Campaigns campaigns;

    CampaignCatalog(Campaigns campaigns) {
        this.campaigns = campaigns;
    }

    public List<Campaign> all() {
        return campaigns.all();
    }

    public Optional<Campaign> find(String id) {
        return campaigns.find(id);
    }

    /** The campaigns whose window for the type is open now, or which run at any time. */
    public List<Campaign> openFor(OrganizationType type, Instant now) {
        return campaigns.all().stream()
                .filter(campaign -> campaign.window(type, now).isOpen())
                .toList();
    }
}
