package ru.noko.pipeline.results;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.pipeline.response.UndecodableRecord;

/**
 * Reads the self-assessments topic: JSON {@code {"campaignId", "organizationId", "inputs": {"standItems": 8, ...}}},
 * checked against the campaign's model (the same check as the batch command's). A record that does not pass is kept
 * as an {@link UndecodableRecord} with every problem, never applied.
 */
public class SelfAssessmentDeserializer implements KafkaRecordDeserializationSchema<SelfAssessmentDeserializer.Incoming> {

    /** A self-assessment, or why a record is not one. Exactly one is set. */
    public static class Incoming {
        public SelfAssessmentRecord assessment;
        public UndecodableRecord undecodable;

        public Incoming() {}
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String campaignsFolder;
    private transient Campaigns campaigns;

    public SelfAssessmentDeserializer(String campaignsFolder) {
        this.campaignsFolder = campaignsFolder;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        campaigns = Campaigns.load(campaignsFolder.isEmpty() ? Optional.empty() : Optional.of(Path.of(campaignsFolder)));
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Incoming> out) {
        Incoming incoming = new Incoming();
        try {
            incoming.assessment = parse(record.value());
        } catch (Exception e) {
            UndecodableRecord undecodable = new UndecodableRecord();
            undecodable.topic = record.topic();
            undecodable.kafkaPartition = record.partition();
            undecodable.kafkaOffset = record.offset();
            undecodable.payloadBytes = record.value() == null ? 0 : record.value().length;
            undecodable.error = "self-assessment: " + e.getMessage();
            incoming.undecodable = undecodable;
        }
        out.collect(incoming);
    }

    private SelfAssessmentRecord parse(byte[] value) throws Exception {
        JsonNode json = JSON.readTree(value);
        SelfAssessmentRecord assessment = new SelfAssessmentRecord();
        assessment.campaignId = json.path("campaignId").asText("");
        assessment.organizationId = json.path("organizationId").asText("");
        Campaign campaign = campaigns.find(assessment.campaignId)
                .orElseThrow(() -> new IllegalArgumentException("unknown campaign '" + assessment.campaignId + "'"));
        if (assessment.organizationId.isBlank() || !json.path("inputs").isObject()) {
            throw new IllegalArgumentException("organizationId and an inputs object are required");
        }
        Map<String, Integer> inputs = JSON.convertValue(json.get("inputs"), new TypeReference<>() {});
        List<String> problems = campaign.model().checkExpertInputs(inputs);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        assessment.inputsJson = JSON.writeValueAsString(inputs);
        return assessment;
    }

    @Override
    public TypeInformation<Incoming> getProducedType() {
        return TypeInformation.of(Incoming.class);
    }
}
