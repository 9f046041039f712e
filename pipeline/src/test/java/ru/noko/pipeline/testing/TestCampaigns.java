package ru.noko.pipeline.testing;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import ru.noko.methodology.campaign.AntiFraudSettings;
import ru.noko.methodology.campaign.CampaignDefinition;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.pipeline.campaign.CampaignBook;

/** Campaigns for tests: the bundled НОКО campaign under other ids, with the anti-fraud rules a test needs. */
public final class TestCampaigns {

    public static final String BASE = "demo-2026-noko";

    private TestCampaigns() {}

    /** The text of a campaign file: the bundled НОКО campaign as {@code id}, with {@code rules}. */
    public static String text(String id, AntiFraudSettings rules) throws IOException {
        CampaignDefinition base = Campaigns.load("").find(BASE).orElseThrow().definition();
        return Campaigns.text(new CampaignDefinition(
                id,
                "Тестовая кампания " + id,
                base.instrument(),
                base.model(),
                base.edition(),
                base.coverage(),
                rules,
                "",
                base.exportSchedule(),
                base.timeZone(),
                base.windows()));
    }

    /** A book of such campaigns, one per entry, as a job would start with them. */
    public static CampaignBook book(Map<String, AntiFraudSettings> rules) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<String, AntiFraudSettings> campaign : rules.entrySet()) {
            texts.put(campaign.getKey(), text(campaign.getKey(), campaign.getValue()));
        }
        return CampaignBook.of(texts);
    }
}
