package ru.noko.pipeline.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ru.noko.pipeline.generator.GeneratedCampaign;
import ru.noko.schemas.clickhouse.ClickHouseQueries;

/** A generated campaign's side topics published, and its verdicts read back, as the job tests use them. */
public final class GeneratedCampaigns {

    private GeneratedCampaigns() {}

    /** The registry, the self-assessments and the sessions, on the topics named after the responses topic. */
    public static void publishFacts(GeneratedCampaign campaign, ResponseTopic topic) throws Exception {
        for (String entry : campaign.registry()) {
            topic.sendRaw(topic.name() + "-organizations", "registry", bytes(entry));
        }
        for (String entry : campaign.selfAssessments()) {
            topic.sendRaw(topic.name() + "-self-assessments", "self-assessment", bytes(entry));
        }
        for (String session : campaign.sessions()) {
            topic.sendRaw(topic.name() + "-sessions", "session", bytes(session));
        }
    }

    /** Response id → "verdict" or "verdict:reasons", once every response of the campaign has a verdict. */
    public static Map<String, String> verdicts(ClickHouseQueries clickHouse, GeneratedCampaign campaign,
            Duration wait) throws Exception {
        clickHouse.awaitCount("SELECT count() FROM response_verdicts FINAL", n -> n >= campaign.responses().size(), wait);
        Map<String, String> verdicts = new HashMap<>();
        for (String row : clickHouse.strings("SELECT concat(response_id, '=', verdict, ':', rejections)"
                + " FROM response_verdicts FINAL")) {
            String[] parts = row.split("=", 2);
            verdicts.put(parts[0], parts[1].endsWith(":") ? parts[1].substring(0, parts[1].length() - 1) : parts[1]);
        }
        return verdicts;
    }

    public static List<String> sorted(List<String> rows) {
        return rows.stream().sorted().toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
