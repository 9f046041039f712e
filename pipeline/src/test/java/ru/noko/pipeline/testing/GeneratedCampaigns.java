package ru.noko.pipeline.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.registry.RegistryJson;
import ru.noko.pipeline.generator.CampaignGenerator;
import ru.noko.pipeline.generator.GeneratedCampaign;
import ru.noko.schemas.clickhouse.ClickHouseQueries;

/** A generated campaign's side topics published, and its verdicts read back, as the job tests use them. */
public final class GeneratedCampaigns {

    private static final ObjectMapper JSON = new ObjectMapper();

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
    public static Map<String, String> verdicts(ClickHouseQueries clickHouse, GeneratedCampaign campaign, Duration wait)
            throws Exception {
        clickHouse.awaitCount(
                "SELECT count() FROM response_verdicts FINAL",
                n -> n >= campaign.responses().size(),
                wait);
        Map<String, String> verdicts = new HashMap<>();
        for (String row : clickHouse.strings(
                "SELECT concat(response_id, '=', verdict, ':', rejections)" + " FROM response_verdicts FINAL")) {
            String[] parts = row.split("=", 2);
            verdicts.put(parts[0], parts[1].endsWith(":") ? parts[1].substring(0, parts[1].length() - 1) : parts[1]);
        }
        return verdicts;
    }

    /**
     * Waits until the live figures and coverage have applied every change the campaign makes — per organization its
     * accepted responses, its registry entry and its self-assessment, per region the changes of its organizations —
     * as their versions count them.
     */
    public static void awaitFigures(ClickHouseQueries clickHouse, GeneratedCampaign campaign, Duration wait)
            throws Exception {
        Map<String, Long> changes = new HashMap<>();
        Map<String, String> regions = new HashMap<>();
        for (String entry : campaign.registry()) {
            Organization organization = RegistryJson.parse(entry);
            changes.put(organization.id(), 1L);
            regions.put(organization.id(), organization.region());
        }
        for (String selfAssessment : campaign.selfAssessments()) {
            changes.merge(JSON.readTree(selfAssessment).get("organizationId").asText(), 1L, Long::sum);
        }
        String ofCampaign = " WHERE campaign_id = '" + CampaignGenerator.CAMPAIGN + "'";
        for (String organization : clickHouse.strings(
                "SELECT organization_id FROM response_verdicts FINAL" + ofCampaign + " AND verdict != 'rejected'")) {
            changes.merge(organization, 1L, Long::sum);
        }
        Map<String, Long> regionChanges = new HashMap<>();
        for (Map.Entry<String, Long> organization : changes.entrySet()) {
            regionChanges.merge(regions.get(organization.getKey()), organization.getValue(), Long::sum);
            for (String table : List.of("organization_results", "organization_coverage")) {
                clickHouse.awaitCount(
                        "SELECT max(version) FROM " + table + ofCampaign + " AND organization_id = '"
                                + organization.getKey() + "'",
                        version -> version >= organization.getValue(),
                        wait);
            }
        }
        for (Map.Entry<String, Long> region : regionChanges.entrySet()) {
            for (String table : List.of("territory_results", "territory_coverage")) {
                clickHouse.awaitCount(
                        "SELECT max(version) FROM " + table + ofCampaign + " AND region = '" + region.getKey() + "'",
                        version -> version >= region.getValue(),
                        wait);
            }
        }
    }

    public static List<String> sorted(List<String> rows) {
        return rows.stream().sorted().toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
