package ru.noko.pipeline.results;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import ru.noko.methodology.registry.RegistryJson;
import ru.noko.pipeline.response.UndecodableRecord;

/**
 * Reads the organizations topic (registry entries, {@link RegistryJson}), the self-assessments topic
 * ({@code {"campaignId", "organizationId", "inputs": {...}}}) or the verdict-corrections topic ({@link
 * VerdictCorrection}). A record that does not read is kept as an {@link UndecodableRecord} with every problem, never
 * applied; what depends on the campaign (its model's inputs and counts) is checked in the job, which knows the
 * campaigns published while it runs ({@link CheckFacts}).
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

    /**
     * @param kind {@link OrganizationFact#REGISTRY}, {@link OrganizationFact#SELF_ASSESSMENT} or {@link
     *     OrganizationFact#VERDICT_CORRECTION}
     */
    public OrganizationFactDeserializer(String kind) {
        this.kind = kind;
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
            incoming.fact.topic = record.topic();
            incoming.fact.kafkaPartition = record.partition();
            incoming.fact.payloadBytes = record.value().length;
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

    private static OrganizationFact selfAssessment(String text) throws Exception {
        JsonNode json = JSON.readTree(text);
        OrganizationFact fact = new OrganizationFact();
        fact.kind = OrganizationFact.SELF_ASSESSMENT;
        fact.campaignId = json.path("campaignId").asText("");
        fact.organizationId = json.path("organizationId").asText("");
        if (fact.campaignId.isBlank()
                || fact.organizationId.isBlank()
                || !json.path("inputs").isObject()) {
            throw new IllegalArgumentException("campaignId, organizationId and an inputs object are required");
        }
        Map<String, Integer> inputs = JSON.convertValue(json.get("inputs"), new TypeReference<>() {});
        fact.json = JSON.writeValueAsString(inputs);
        return fact;
    }

    private static OrganizationFact verdictCorrection(String text) throws Exception {
        VerdictCorrection correction = VerdictCorrection.parse(text);
        OrganizationFact fact = new OrganizationFact();
        fact.kind = OrganizationFact.VERDICT_CORRECTION;
        fact.campaignId = correction.campaignId();
        fact.organizationId = correction.organizationId();
        fact.json = correction.toJson();
        return fact;
    }

    @Override
    public TypeInformation<Incoming> getProducedType() {
        return TypeInformation.of(Incoming.class);
    }
}
