package ru.noko.pipeline.recheck;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import ru.noko.pipeline.results.VerdictCorrection;

/** Corrections on the verdict-corrections topic, keyed by organization, acknowledged by every replica. */
public final class KafkaCorrectionPublisher implements CorrectionPublisher {

    private final String bootstrap;
    private final String topic;

    public KafkaCorrectionPublisher(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    @Override
    public void publish(List<VerdictCorrection> corrections) throws Exception {
        if (corrections.isEmpty()) {
            return;
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        30_000),
                new StringSerializer(),
                new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (VerdictCorrection correction : corrections) {
                sent.add(producer.send(new ProducerRecord<>(
                        topic, correction.organizationId(), correction.toJson().getBytes(StandardCharsets.UTF_8))));
            }
            for (Future<RecordMetadata> acknowledged : sent) {
                acknowledged.get();
            }
        }
    }
}
