package ru.noko.gateway.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The addresses of registered organized sessions, read from the sessions topic, so that the optional rate limit never
 * refuses a class answering in a computer room: while a session runs, its address is not limited at all (the pipeline
 * still applies the session's own rule). Only read while the rate limit is on; each instance reads the whole topic
 * from its beginning with no consumer group, so every instance knows every session. The addresses stay in memory
 * only, never in a log.
 */
@Component
public class SessionAddresses implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SessionAddresses.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A session's time on the gateway's clock, [from, to). */
    record Period(long fromMillis, long toMillis) {}

    private final KafkaSettings kafka;
    private final RateLimitSettings rateLimit;
    private final Clock clock;
    private final Map<String, List<Period>> periods = new ConcurrentHashMap<>();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Thread reader;

    SessionAddresses(KafkaSettings kafka, RateLimitSettings rateLimit, Clock clock) {
        this.kafka = kafka;
        this.rateLimit = rateLimit;
        this.clock = clock;
    }

    /** Whether a registered session from this address is running now. */
    public boolean inSession(String address) {
        List<Period> registered = periods.get(address);
        if (registered == null) {
            return false;
        }
        long now = clock.millis();
        return registered.stream().anyMatch(period -> now >= period.fromMillis() && now < period.toMillis());
    }

    /** Takes in one registration; a record that does not read is skipped (the pipeline records why). */
    void register(byte[] value) {
        try {
            JsonNode json = JSON.readTree(value);
            String address = json.path("ipAddress").asText("");
            long from = Instant.parse(json.path("from").asText()).toEpochMilli();
            long to = Instant.parse(json.path("to").asText()).toEpochMilli();
            if (!address.isBlank() && to > from && to > clock.millis()) {
                periods.computeIfAbsent(address, ignored -> new CopyOnWriteArrayList<>()).add(new Period(from, to));
            }
        } catch (Exception e) {
            log.debug("An organized-session record does not read: {}", e.getMessage());
        }
    }

    @Override
    public void start() {
        if (!rateLimit.enabled()) {
            return;
        }
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, "noko-ingest-gateway-sessions",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        reader = new Thread(this::read, "organized-sessions");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty()) {
                // The topic may not exist yet (the pipeline creates it); look again until it does.
                partitions = consumer.partitionsFor(kafka.sessionsTopic(), Duration.ofSeconds(10)).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                if (partitions.isEmpty()) {
                    Thread.sleep(2_000);
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    register(record.value());
                }
                forgetEnded();
            }
        } catch (WakeupException | InterruptedException stopping) {
            // stop() asked
        } catch (RuntimeException e) {
            log.warn("Stopped reading organized sessions; the rate limit applies to every address: {}", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void forgetEnded() {
        long now = clock.millis();
        periods.values().forEach(list -> list.removeIf(period -> period.toMillis() <= now));
        periods.values().removeIf(List::isEmpty);
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
