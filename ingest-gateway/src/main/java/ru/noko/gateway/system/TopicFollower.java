package ru.noko.gateway.system;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one whole topic from its beginning, with no consumer group, and keeps reading, handing each record's value to
 * the caller on a thread of its own: how every gateway instance learns the registry and the organized sessions. A
 * topic that does not exist yet, or a Kafka that does not answer yet, is looked for again every two seconds; the
 * follower says when it has read up to where the topic ended when it started ({@link #caughtUp}).
 */
public final class TopicFollower {

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);

    private final String bootstrapServers;
    private final String topic;
    private final String name;
    private final Consumer<byte[]> onValue;
    private final Runnable afterPoll;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Thread reader;
    private volatile boolean caughtUp;

    /**
     * @param name names the client and the thread
     * @param onValue takes one record's value (never null: deletions are skipped)
     * @param afterPoll runs after every poll, on the reader's thread
     */
    public TopicFollower(
            String bootstrapServers, String topic, String name, Consumer<byte[]> onValue, Runnable afterPoll) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.name = name;
        this.onValue = onValue;
        this.afterPoll = afterPoll;
    }

    public void start() {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "noko-ingest-gateway-" + name,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        reader = new Thread(this::read, name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Whether the topic has been read up to where it ended at start (or was found not to exist): before that, a key
     * missing from what was read may only not have been read yet.
     */
    public boolean caughtUp() {
        return caughtUp;
    }

    private void read() {
        try {
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty()) {
                try {
                    partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                            .map(info -> new TopicPartition(info.topic(), info.partition()))
                            .toList();
                    if (partitions.isEmpty()) {
                        // The topic does not exist yet: there is nothing to catch up with.
                        caughtUp = true;
                    }
                } catch (TimeoutException kafkaDown) {
                    // Kafka does not answer yet: not caught up, look again.
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
                        onValue.accept(record.value());
                    }
                }
                afterPoll.run();
                if (!caughtUp) {
                    ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
                    caughtUp = ends.isEmpty();
                }
            }
        } catch (WakeupException | InterruptedException | InterruptException stopping) {
            // stop() asked
        } catch (RuntimeException e) {
            log.warn("Stopped reading {}; the gateway knows only what was read: {}", topic, e.toString());
        } finally {
            // stop() may interrupt while the consumer closes: it then throws, having closed what it could.
            boolean interrupted = Thread.interrupted();
            try {
                consumer.close(Duration.ofSeconds(2));
            } catch (InterruptException stopping) {
                interrupted = true;
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public void stop() {
        if (consumer != null) {
            consumer.wakeup();
        }
        if (reader != null) {
            reader.interrupt();
        }
    }

    public boolean isRunning() {
        return reader != null && reader.isAlive();
    }
}
