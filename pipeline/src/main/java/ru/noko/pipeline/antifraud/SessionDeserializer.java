package ru.noko.pipeline.antifraud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import ru.noko.pipeline.response.UndecodableRecord;
import ru.noko.schemas.privacy.Pseudonymizer;

/**
 * Reads the organized-sessions topic: JSON {@code {"sessionId", "campaignId", "organizationId", "ipAddress",
 * "from", "to", "participants", "cancelled"}} (times ISO-8601; {@code cancelled} true for a cancellation, which repeats
 * the session it cancels). The address is replaced by its HMAC at once, the same one responses
 * carry; a record that does not read is kept as an {@link UndecodableRecord} with the reason.
 */
public class SessionDeserializer implements KafkaRecordDeserializationSchema<SessionDeserializer.Incoming> {

    /** A session, or why a record is not one. Exactly one is set. */
    public static class Incoming {
        public OrganizedSession session;
        public UndecodableRecord undecodable;

        public Incoming() {}
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String pseudonymKey;
    private transient Pseudonymizer pseudonymizer;

    public SessionDeserializer(String pseudonymKey) {
        this.pseudonymKey = pseudonymKey;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        pseudonymizer = new Pseudonymizer(pseudonymKey);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Incoming> out) {
        Incoming incoming = new Incoming();
        try {
            incoming.session = parse(record.value(), pseudonymizer);
            incoming.session.version = record.offset();
        } catch (Exception e) {
            incoming.undecodable = UndecodableRecord.of(record, "organized session: " + e.getMessage());
        }
        out.collect(incoming);
    }

    static OrganizedSession parse(byte[] value, Pseudonymizer pseudonymizer) throws java.io.IOException {
        JsonNode json = JSON.readTree(value);
        OrganizedSession session = new OrganizedSession();
        session.sessionId = required(json, "sessionId");
        session.campaignId = required(json, "campaignId");
        session.organizationId = required(json, "organizationId");
        session.ipHmac = pseudonymizer.ipAddress(required(json, "ipAddress"));
        session.fromMillis = Instant.parse(required(json, "from")).toEpochMilli();
        session.toMillis = Instant.parse(required(json, "to")).toEpochMilli();
        session.participants = json.path("participants").asInt(-1);
        session.cancelled = json.path("cancelled").asBoolean(false);
        if (session.participants < 1 || session.toMillis <= session.fromMillis) {
            throw new IllegalArgumentException("participants must be at least 1 and 'to' after 'from'");
        }
        return session;
    }

    private static String required(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value.asText();
    }

    @Override
    public TypeInformation<Incoming> getProducedType() {
        return TypeInformation.of(Incoming.class);
    }
}
