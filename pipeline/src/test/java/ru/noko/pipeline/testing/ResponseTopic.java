package ru.noko.pipeline.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import ru.noko.devstack.kafka.KafkaBroker;
import ru.noko.schemas.avro.SurveyResponse;
import ru.noko.schemas.response.SurveyResponseCodec;

/** Writes to a responses topic on the real broker, as the gateway does. */
public final class ResponseTopic {

    private final KafkaBroker broker;
    private final String topic;

    public ResponseTopic(KafkaBroker broker, String topic, int partitions) {
        this.broker = broker;
        this.topic = topic;
        broker.createTopic(topic, partitions);
    }

    public String name() {
        return topic;
    }

    public void send(List<SurveyResponse> responses) throws Exception {
        SurveyResponseCodec codec = new SurveyResponseCodec();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (SurveyResponse response : responses) {
                producer.send(new ProducerRecord<>(topic, response.getOrganizationId(), codec.encode(response)));
            }
            producer.flush();
        }
    }

    public void sendRaw(String key, byte[] value) throws Exception {
        sendRaw(topic, key, value);
    }

    /** A record on another topic of the same broker (sessions, self-assessments). */
    public void sendRaw(String otherTopic, String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(otherTopic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new StringSerializer(),
                new ByteArraySerializer());
    }
}
