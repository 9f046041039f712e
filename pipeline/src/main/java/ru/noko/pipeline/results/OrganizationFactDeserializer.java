package ru.noko.pipeline.results;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.methodology.registry.RegistryJson;
import ru.noko.pipeline.response.UndecodableRecord;

/**
 * Reads the organizations topic (registry entries, {@link RegistryJson}), the self-assessments topic
 * ({@code {"campaignId", "organizationId", "inputs": {...}}}, checked against the campaign's model as the batch
 * command checks it) or the verdict-corrections topic ({@link VerdictCorrection}). A record that does not pass is kept as an {@link UndecodableRecord} with every problem, never
 * applied.
 */
public class OrganizationFactDeserializer
        implements KafkaRecordDeserializationSchema<OrganizationFactDeserializer.Incoming> {

    /** A fact, or why a record is not one. Exactly one is set. */
    public static class Incoming {
        public OrganizationFact fact;
        public UndecodableRecord undecodable;

        public Incoming() {}
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String kind;
    private final String campaignsFolder;
    private transient Campaigns campaigns;

    /** @param kind {@link OrganizationFact#REGISTRY}, {@link OrganizationFact#SELF_ASSESSMENT} or {@link OrganizationFact#VERDICT_CORRECTION} */
    public OrganizationFactDeserializer(String kind, String campaignsFolder) {
        this.kind = kind;
        this.campaignsFolder = campaignsFolder;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        campaigns = Campaigns.load(campaignsFolder);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Incoming> out) {
        Incoming incoming = new Incoming();
        try {
            String text = new String(record.value(), java.nio.charset.StandardCharsets.UTF_8);
            incoming.fact = switch (kind) {
                case OrganizationFact.REGISTRY -> registry(text);
                case OrganizationFact.SELF_ASSESSMENT -> selfAssessment(text);
                default -> verdictCorrection(text);
            };
            incoming.fact.version = record.offset();
        } catch (Exception e) {
            incoming.undecodable = UndecodableRecord.of(record, kind + ": " + e.getMessage());
        }
        out.collect(incoming);
    }

    private static OrganizationFact registry(String text) throws Exception {
        var organization = RegistryJson.parse(text);
        OrganizationFact fact = new OrganizationFact();
        fact.kind = OrganizationFact.REGISTRY;
        fact.organizationId = organization.id();
        fact.json = RegistryJson.write(organization);
        return fact;
    }

    private OrganizationFact selfAssessment(String text) throws Exception {
        JsonNode json = JSON.readTree(text);
        OrganizationFact fact = new OrganizationFact();
        fact.kind = OrganizationFact.SELF_ASSESSMENT;
        fact.campaignId = json.path("campaignId").asText("");
        fact.organizationId = json.path("organizationId").asText("");
        Campaign campaign = campaigns
                .find(fact.campaignId)
                .orElseThrow(() -> new IllegalArgumentException("unknown campaign '" + fact.campaignId + "'"));
        if (fact.organizationId.isBlank() || !json.path("inputs").isObject()) {
            throw new IllegalArgumentException("organizationId and an inputs object are required");
        }
        Map<String, Integer> inputs = JSON.convertValue(json.get("inputs"), new TypeReference<>() {});
        List<String> problems = campaign.model().checkExpertInputs(inputs);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        fact.json = JSON.writeValueAsString(inputs);
        return fact;
    }

    private OrganizationFact verdictCorrection(String text) throws Exception {
        String campaignId = JSON.readTree(text).path("campaignId").asText("");
        Campaign campaign = campaigns
                .find(campaignId)
                .orElseThrow(() -> new IllegalArgumentException("unknown campaign '" + campaignId + "'"));
        VerdictCorrection correction = VerdictCorrection.parse(text, campaign);
        OrganizationFact fact = new OrganizationFact();
        fact.kind = OrganizationFact.VERDICT_CORRECTION;
        fact.campaignId = campaignId;
        fact.organizationId = correction.organizationId();
        fact.json = correction.toJson();
        return fact;
    }

    @Override
    public TypeInformation<Incoming> getProducedType() {
        return TypeInformation.of(Incoming.class);
    }
}
