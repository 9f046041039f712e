package ru.noko.gateway.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import ru.noko.gateway.system.KafkaSettings;
import ru.noko.methodology.registry.OrganizationType;
import ru.noko.schemas.Identifiers;

/**
 * The registry of organizations as the survey pages need it — id, name and type — read from the organizations topic into
 * memory, so a page never waits for Kafka. Each instance reads the whole topic from its beginning with no consumer
 * group and keeps reading, so an organization published later gets its page too; a later entry for the same id
 * replaces the earlier one. The JSON is parsed here rather than by the pipeline's reader: the gateway does not depend
 * on the pipeline.
 */
@Component
public class RegisteredOrganizations implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RegisteredOrganizations.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a page needs of an organization.
     *
     * @param type its type, which decides its campaign window; empty when the entry has none the gateway knows
     */
    public record Organization(String id, String name, Optional<OrganizationType> type) {}

    private final KafkaSettings kafka;
    private final Map<String, Organization> byId = new ConcurrentHashMap<>();
    private volatile boolean loaded;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Thread reader;

    RegisteredOrganizations(KafkaSettings kafka) {
        this.kafka = kafka;
    }

    public Optional<Organization> find(String organizationId) {
        return Optional.ofNullable(byId.get(organizationId));
    }

    /** Whether no registry entry has been read: a deployment that publishes no registry leaves it to the pipeline. */
    public boolean isEmpty() {
        return byId.isEmpty();
    }

    /**
     * Whether the topic has been read up to where it ended at start: before that, an organization missing from memory
     * may only not have been read yet.
     */
    public boolean loaded() {
        return loaded;
    }

    /** Takes in one registry entry; one that does not read is skipped (the pipeline's import reports it). */
    void register(byte[] value) {
        try {
            JsonNode json = JSON.readTree(value);
            String id = json.path("organizationId").asText("").strip();
            String name = json.path("name").asText("").strip();
            Optional<OrganizationType> type = OrganizationType.fromCode(json.path("type").asText("").strip());
            if (Identifiers.ID_PATTERN.matcher(id).matches() && !name.isEmpty()) {
                byId.put(id, new Organization(id, name, type));
            }
        } catch (Exception e) {
            log.debug("A registry record does not read: {}", e.getMessage());
        }
    }

    @Override
    public void start() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, "noko-ingest-gateway-organizations",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        reader = new Thread(this::read, "organizations");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty()) {
                // The topic may not exist yet: then there is nothing to wait for, and it is looked for again.
                try {
                    partitions = consumer.partitionsFor(kafka.organizationsTopic(), Duration.ofSeconds(10)).stream()
                            .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                    if (partitions.isEmpty()) {
                        loaded = true;
                    }
                } catch (TimeoutException kafkaDown) {
                    // Kafka does not answer yet: the pages wait for it (503) rather than call everyone unknown.
                }
                if (partitions.isEmpty()) {
                    Thread.sleep(2_000);
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.value() != null) {
                        register(record.value());
                    }
                }
                if (!loaded) {
                    ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
                    loaded = ends.isEmpty();
                }
            }
        } catch (WakeupException | InterruptedException stopping) {
            // stop() asked
        } catch (RuntimeException e) {
            log.warn("Stopped reading the registry of organizations; pages know only what was read: {}", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void stop() {
        if (consumer != null) {
            consumer.wakeup();
        }
        if (reader != null) {
            reader.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return reader != null && reader.isAlive();
    }
}
