package ru.noko.pipeline.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import ru.noko.devstack.DevStack;
import ru.noko.pipeline.testing.SurveyResponses;
import ru.noko.schemas.clickhouse.ClickHouseMigrator;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/**
 * Runs the real job on a local MiniCluster (parallelism 2, so no operator can rely on seeing all records) against the
 * shared broker and ClickHouse, each test with its own topic, consumer group, database and checkpoint folder.
 */
public final class IngestJobRunner {

    public static final int PARALLELISM = 2;

    public final PipelineConfig config;
    final Path checkpoints;

    public IngestJobRunner(String name, String topic) throws Exception {
        this(name, topic, Map.of());
    }

    /** @param overrides further settings, as environment variables */
    public IngestJobRunner(String name, String topic, Map<String, String> overrides) throws Exception {
        this.checkpoints = DevStack.scratch("checkpoints-" + name);
        DevStack.kafka().createTopic(topic + "-sessions", 1);
        DevStack.kafka().createTopic(topic + "-self-assessments", 1);
        DevStack.kafka().createTopic(topic + "-organizations", 1);
        DevStack.kafka().createTopic(topic + "-corrections", 1);
        DevStack.kafka().createTopic(topic + "-campaigns", 1);
        this.config = PipelineConfig.fromEnvironment(
                Map.ofEntries(
                        Map.entry("NOKO_KAFKA_BOOTSTRAP", DevStack.kafka().bootstrapServers()),
                        Map.entry("NOKO_RESPONSES_TOPIC", topic),
                        Map.entry("NOKO_SESSIONS_TOPIC", topic + "-sessions"),
                        Map.entry("NOKO_SELF_ASSESSMENTS_TOPIC", topic + "-self-assessments"),
                        Map.entry("NOKO_ORGANIZATIONS_TOPIC", topic + "-organizations"),
                        Map.entry("NOKO_VERDICT_CORRECTIONS_TOPIC", topic + "-corrections"),
                        Map.entry("NOKO_CAMPAIGNS_TOPIC", topic + "-campaigns"),
                        Map.entry("NOKO_CONSUMER_GROUP", "group-" + name),
                        Map.entry(
                                "NOKO_CLICKHOUSE_PORT",
                                String.valueOf(DevStack.clickHouse().tcpPort())),
                        Map.entry("NOKO_CLICKHOUSE_DATABASE", name),
                        Map.entry("NOKO_CHECKPOINT_INTERVAL", "500ms"),
                        Map.entry("NOKO_CHECKPOINT_DIR", checkpoints.toUri().toString()),
                        Map.entry("NOKO_SINK_BATCH_SIZE", "100"),
                        Map.entry("NOKO_SINK_FLUSH_INTERVAL", "200ms"),
                        Map.entry("NOKO_PSEUDONYM_KEY", SurveyResponses.TEST_KEY)),
                overrides);
        new ClickHouseMigrator(config.clickHouse()).migrate();
    }

    public ClickHouseTarget clickHouse() {
        return config.clickHouse();
    }

    public JobClient start() throws Exception {
        return start(ResponseIngestJob.flinkConfiguration(config));
    }

    JobClient startFrom(Path checkpoint) throws Exception {
        Configuration flink = ResponseIngestJob.flinkConfiguration(config);
        flink.set(StateRecoveryOptions.SAVEPOINT_PATH, checkpoint.toUri().toString());
        return start(flink);
    }

    private JobClient start(Configuration flink) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(PARALLELISM, flink);
        ResponseIngestJob.defineWorkflow(env, config);
        return env.executeAsync(ResponseIngestJob.NAME);
    }

    /**
     * Waits until a completed checkpoint holds every record sent so far to each of the job's topics, and returns how
     * far it read each partition. The sources commit a checkpoint's offsets to the topic's consumer group once the
     * checkpoint completes, so the groups' offsets say what the last completed checkpoint holds.
     */
    public Map<TopicPartition, Long> awaitCheckpointOfEverythingSent(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers()))) {
            Map<TopicPartition, Long> checkpointed = Map.of();
            Map<TopicPartition, Long> sent = Map.of();
            while (Instant.now().isBefore(deadline)) {
                sent = endOffsets(admin);
                checkpointed = committedOffsets(admin, sent);
                if (checkpointed.equals(sent)) {
                    return checkpointed;
                }
                Thread.sleep(100);
            }
            throw new AssertionError(
                    "within " + timeout + " no checkpoint held all that was sent: " + checkpointed + " of " + sent);
        }
    }

    private Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (TopicDescription topic : admin.describeTopics(
                        KafkaTopics.consumerGroups(config).keySet())
                .allTopicNames()
                .get()
                .values()) {
            topic.partitions()
                    .forEach(p -> partitions.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(partitions).all().get().forEach((partition, end) -> ends.put(partition, end.offset()));
        return ends;
    }

    /** Each partition's offset committed by the job's group for its topic; 0 where nothing was committed yet. */
    private Map<TopicPartition, Long> committedOffsets(Admin admin, Map<TopicPartition, Long> partitions)
            throws Exception {
        Map<TopicPartition, Long> committed = new HashMap<>();
        partitions.keySet().forEach(partition -> committed.put(partition, 0L));
        for (Map.Entry<String, String> topic :
                KafkaTopics.consumerGroups(config).entrySet()) {
            admin.listConsumerGroupOffsets(topic.getValue())
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .forEach((partition, offset) -> {
                        if (partition.topic().equals(topic.getKey()) && offset != null) {
                            committed.put(partition, offset.offset());
                        }
                    });
        }
        return committed;
    }

    /** The newest completed checkpoint of any run, waiting for one if there is none yet. */
    Path awaitLatestCheckpoint(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<Path> latest = latestCheckpoint();
            if (latest.isPresent()) {
                return latest.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no completed checkpoint in " + checkpoints + " within " + timeout);
    }

    Optional<Path> latestCheckpoint() throws IOException {
        try (Stream<Path> files = Files.walk(checkpoints)) {
            return files.filter(file -> file.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .filter(dir -> dir.getFileName().toString().startsWith("chk-"))
                    .max(Comparator.comparing(IngestJobRunner::modified)
                            .thenComparing(dir -> Integer.parseInt(
                                    dir.getFileName().toString().substring(4))));
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path dir) {
        try {
            return Files.getLastModifiedTime(dir.resolve("_metadata"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
