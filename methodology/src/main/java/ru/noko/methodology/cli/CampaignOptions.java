package ru.noko.methodology.cli;

import java.io.IOException;
import java.util.Map;
import picocli.CommandLine.Option;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.schemas.settings.EnvironmentSettings;

/**
 * {@code --campaign} and {@code --campaigns-dir}, the way every command names a campaign: a bundled one or one in the
 * extra folder ({@code NOKO_CAMPAIGNS_DIR} by default). A command mixes them in; whether the campaign is required is
 * the command's to say, by asking for {@link #campaign()}.
 */
public final class CampaignOptions {

    @Option(names = "--campaign", description = "campaign id (a bundled campaign or one in --campaigns-dir)")
    String campaignId;

    @Option(
            names = "--campaigns-dir",
            description = "extra campaign files (default: NOKO_CAMPAIGNS_DIR, or the bundled only)")
    String campaignsFolder;

    public CampaignOptions() {
        this(System.getenv());
    }

    public CampaignOptions(Map<String, String> environment) {
        campaignsFolder = new EnvironmentSettings(environment).text("NOKO_CAMPAIGNS_DIR", "");
    }

    /** Whether {@code --campaign} was given. */
    public boolean given() {
        return campaignId != null;
    }

    /** The campaign's id as given, or a failure asking for it. */
    public String id() {
        if (campaignId == null) {
            throw new CommandFailure("не указана кампания (--campaign)");
        }
        return campaignId;
    }

    /** The named campaign, or a failure saying it is not one of the known campaigns. */
    public Campaign campaign() throws IOException {
        return campaign(campaigns());
    }

    /** The named campaign among {@code known}, for a command that needs all of them too: they are read once. */
    public Campaign campaign(Campaigns known) {
        String id = id();
        return known.find(id).orElseThrow(() -> new CommandFailure("кампании " + id + " нет среди известных"));
    }

    /** Every known campaign: the bundled ones and the extra folder's. */
    public Campaigns campaigns() throws IOException {
        return Campaigns.load(campaignsFolder);
    }
}
