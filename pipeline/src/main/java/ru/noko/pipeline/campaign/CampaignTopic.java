package ru.noko.pipeline.campaign;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The campaigns topic as it is when the job is built: every campaign published so far, the newest text of each. The
 * job starts with them known, so a response can never reach an operator before its campaign; only campaigns published
 * later come through the broadcast.
 */
public final class CampaignTopic {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private CampaignTopic() {}

    /** Campaign id → text; empty when the topic does not exist yet. */
    public static Map<String, String> read(String bootstrapServers, String topic) {
        Map<String, String> texts = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "noko-job-campaigns-at-start"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, WAIT);
            if (partitions == null || partitions.isEmpty()) {
                return texts;
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(partition -> new TopicPartition(topic, partition.partition()))
                    .toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, WAIT);
            Instant deadline = Instant.now().plus(WAIT);
            while (!reachedEnd(consumer, ends) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() == null) {
                        continue;
                    }
                    if (record.value() == null) {
                        texts.remove(record.key());
                    } else {
                        texts.put(record.key(), new String(record.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return texts;
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }
}
