package ru.noko.local.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.DevStack;
import ru.noko.schemas.avro.ClientMetadata;
import ru.noko.schemas.avro.SurveyResponse;
import ru.noko.schemas.clickhouse.ClickHouseQueries;
import ru.noko.schemas.clickhouse.ClickHouseTarget;
import ru.noko.schemas.response.SurveyResponseCodec;

/**
 * The pipeline's job jar on a real standalone Flink cluster (a job manager and two task managers, each its own JVM,
 * configured as docker-compose.yml configures the server's) against a real Kafka broker and ClickHouse: it survives
 * the SIGKILL of a task manager that runs it and of the job manager, and every response ends in ClickHouse once.
 */
class FlinkClusterTest {

    private static final Path ROOT =
            Path.of(System.getProperty("noko.projectRoot", "..")).toAbsolutePath();
    private static final String JOB_CLASS = "ru.noko.pipeline.job.ResponseIngestJob";
    private static final String DATABASE = "flink_cluster";
    private static final String TOPIC = "flink-cluster-responses";
    private static final String KEY = "flink-cluster-key-0123456789-0123456789";
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Instant CAMPAIGN_START = Instant.parse("2026-02-01T08:00:00Z");

    @Test
    void theJobComesBackFromItsCheckpointsAfterATaskManagerAndTheJobManagerAreKilled() throws Exception {
        Instant testStart = Instant.now();
        Path jobJar = FlinkCluster.jobJar(ROOT);
        Map<String, String> environment = jobEnvironment();
        ClickHouseQueries clickHouse = new ClickHouseQueries(
                new ClickHouseTarget("127.0.0.1", DevStack.clickHouse().tcpPort(), DATABASE, "default", ""));
        Path folder = DevStack.scratch("flink-cluster");

        Map<String, String> compose = ComposeFlinkProperties.read(ROOT.resolve("docker-compose.yml"));
        try (FlinkCluster cluster =
                FlinkCluster.start(compose, folder.resolve("cluster"), folder.resolve("checkpoints"), 2)) {
            log("cluster up (job manager, 2 task managers registered)", testStart);
            assertThat(cluster.rest().registeredTaskManagers()).containsExactly("taskmanager-1", "taskmanager-2");
            // The server's configuration but for the overrides, which are named.
            compose.forEach((key, value) -> {
                if (!cluster.settings().overrides().containsKey(key)) {
                    assertThat(cluster.settings().configuration()).containsEntry(key, value);
                }
            });
            assertThat(compose).containsKeys("jobmanager.rpc.address", "taskmanager.memory.process.size");

            int slots = Integer.parseInt(compose.get("taskmanager.numberOfTaskSlots"));
            int parallelism = Integer.parseInt(compose.get("parallelism.default"));
            assertThat(parallelism).as("one task manager alone can run the job").isLessThanOrEqualTo(slots);

            JobID job =
                    cluster.jobs().submit(new FlinkJobClient.Submission(jobJar, JOB_CLASS, environment, parallelism));
            cluster.rest().awaitRunning(job, WAIT);
            log("job " + job + " running", testStart);

            send(0, 300);
            awaitResponses(clickHouse, 300);
            cluster.rest().awaitNextCheckpoint(job, WAIT);
            log("first 300 responses in ClickHouse and checkpointed", testStart);

            // A task manager that runs the job dies; the other has the slots to run all of it.
            String victim = cluster.rest().busyTaskManagers().iterator().next();
            send(300, 500);
            Instant killed = Instant.now();
            cluster.kill(victim);
            send(500, 700);
            awaitRestored(cluster, job, 1);
            Duration taskManagerRecovery = Duration.between(killed, Instant.now());
            log(
                    "SIGKILL of " + victim + " -> job running again from its checkpoint in " + taskManagerRecovery,
                    testStart);
            assertThat(cluster.rest().checkpoints(job).restoredFrom()).isPresent();
            awaitResponses(clickHouse, 700);
            cluster.restart(victim);
            assertThat(cluster.rest().registeredTaskManagers()).hasSize(2);
            cluster.rest().awaitNextCheckpoint(job, WAIT);
            log("700 responses in ClickHouse, " + victim + " back", testStart);

            // The job manager dies: without high availability the job is submitted again from the newest checkpoint.
            send(700, 800);
            Instant jobManagerKilled = Instant.now();
            cluster.kill(FlinkCluster.JOB_MANAGER);
            send(800, 1000);
            cluster.restart(FlinkCluster.JOB_MANAGER);
            Path snapshot = cluster.jobs().latestCompletedSnapshot().orElseThrow();
            JobID resumed = cluster.jobs().resubmitFromLatestCheckpoint();
            cluster.rest().awaitRunning(resumed, WAIT);
            Duration jobManagerRecovery = Duration.between(jobManagerKilled, Instant.now());
            log(
                    "SIGKILL of the job manager -> job " + resumed + " resumed from " + snapshot + " in "
                            + jobManagerRecovery,
                    testStart);
            assertThat(resumed).isNotEqualTo(job);
            assertThat(cluster.rest().checkpoints(resumed).restoredFrom())
                    .hasValueSatisfying(path ->
                            assertThat(path).contains(snapshot.getFileName().toString()));

            send(1000, 1100);
            awaitResponses(clickHouse, 1100);
            log("1100 responses in ClickHouse", testStart);
        }

        assertThat(clickHouse.count("SELECT count() FROM survey_responses FINAL"))
                .as("every response once, after deduplication of what replays wrote again")
                .isEqualTo(1100);
        assertThat(clickHouse.count("SELECT uniqExact(response_id) FROM survey_responses"))
                .isEqualTo(1100);
        assertThat(clickHouse.count("SELECT count() FROM survey_responses FINAL WHERE response_id IN ("
                        + "SELECT response_id FROM survey_responses FINAL WHERE campaign_id = 'test-2026-general')"))
                .isEqualTo(1100);
        log("raw rows (replays included): " + clickHouse.count("SELECT count() FROM survey_responses"), testStart);
    }

    private static void awaitRestored(FlinkCluster cluster, JobID job, long restores) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (cluster.rest().checkpoints(job).restored() >= restores
                        && cluster.rest().isRunning(job)) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // the job manager is busy with the failover
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + job + " not running again from a checkpoint within " + WAIT + ": "
                + cluster.rest().jobState(job));
    }

    private static void awaitResponses(ClickHouseQueries clickHouse, long count) throws Exception {
        List<String> rows = clickHouse.await(
                "SELECT uniqExact(response_id) FROM survey_responses",
                found -> Long.parseLong(found.get(0)) >= count,
                WAIT);
        assertThat(Long.parseLong(rows.get(0))).as("responses in ClickHouse").isGreaterThanOrEqualTo(count);
    }

    private static Map<String, String> jobEnvironment() {
        var kafka = DevStack.kafka();
        kafka.createTopic(TOPIC, 2);
        for (String suffix : List.of("-sessions", "-self-assessments", "-organizations", "-corrections")) {
            kafka.createTopic(TOPIC + suffix, 1);
        }
        kafka.createCompactedTopic(TOPIC + "-campaigns", 1);
        return Map.ofEntries(
                Map.entry("NOKO_KAFKA_BOOTSTRAP", kafka.bootstrapServers()),
                Map.entry("NOKO_RESPONSES_TOPIC", TOPIC),
                Map.entry("NOKO_SESSIONS_TOPIC", TOPIC + "-sessions"),
                Map.entry("NOKO_SELF_ASSESSMENTS_TOPIC", TOPIC + "-self-assessments"),
                Map.entry("NOKO_ORGANIZATIONS_TOPIC", TOPIC + "-organizations"),
                Map.entry("NOKO_VERDICT_CORRECTIONS_TOPIC", TOPIC + "-corrections"),
                Map.entry("NOKO_CAMPAIGNS_TOPIC", TOPIC + "-campaigns"),
                Map.entry("NOKO_CONSUMER_GROUP", "group-" + DATABASE),
                Map.entry("NOKO_CLICKHOUSE_HOST", "127.0.0.1"),
                Map.entry(
                        "NOKO_CLICKHOUSE_PORT",
                        String.valueOf(DevStack.clickHouse().tcpPort())),
                Map.entry("NOKO_CLICKHOUSE_DATABASE", DATABASE),
                Map.entry("NOKO_CLICKHOUSE_USER", "default"),
                Map.entry("NOKO_CLICKHOUSE_PASSWORD", ""),
                Map.entry("NOKO_CHECKPOINT_INTERVAL", "1s"),
                Map.entry("NOKO_SINK_BATCH_SIZE", "100"),
                Map.entry("NOKO_SINK_FLUSH_INTERVAL", "200ms"),
                Map.entry("NOKO_PSEUDONYM_KEY", KEY));
    }

    /** Responses {@code from} (inclusive) to {@code to}, each once, as the gateway writes them. */
    private static void send(int from, int to) throws Exception {
        SurveyResponseCodec codec = new SurveyResponseCodec();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        DevStack.kafka().bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = from; i < to; i++) {
                SurveyResponse response = response(i);
                producer.send(new ProducerRecord<>(TOPIC, response.getOrganizationId(), codec.encode(response)));
            }
            producer.flush();
        }
    }

    private static SurveyResponse response(int i) {
        Instant submitted = CAMPAIGN_START.plusSeconds(i);
        return SurveyResponse.newBuilder()
                .setResponseId(UUID.nameUUIDFromBytes(("flink-cluster-" + i).getBytes())
                        .toString())
                .setCampaignId("test-2026-general")
                .setOrganizationId("org-" + (i % 10))
                .setRespondentRole(i % 3 == 0 ? "student" : "parent")
                .setAnswers(Map.of("q1", true, "q2", (long) (i % 5 + 1), "q3", "opt-b"))
                .setStartedAt(submitted.minusSeconds(360))
                .setSubmittedAt(submitted)
                .setReceivedAt(submitted.plusMillis(150))
                .setClient(ClientMetadata.newBuilder()
                        .setIpAddress("10.0." + (i % 200) + ".7")
                        .setUserAgent("Mozilla/5.0 (Android 14)")
                        .setDeviceToken("device-" + i + "-0123456789")
                        .setEmailHmac(null)
                        .build())
                .build();
    }

    private static void log(String what, Instant start) {
        System.out.printf(
                "FlinkClusterTest +%ds: %s%n",
                Duration.between(start, Instant.now()).toSeconds(), what);
    }
}
