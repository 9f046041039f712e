package ru.noko.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import ru.noko.devstack.DevStack;
import ru.noko.devstack.clickhouse.ClickHouseServer;
import ru.noko.devstack.kafka.KafkaCluster;
import ru.noko.local.cluster.ComposeFlinkProperties;
import ru.noko.local.cluster.FlinkCluster;
import ru.noko.local.cluster.FlinkJobClient;
import ru.noko.pipeline.generator.CampaignGenerator;
import ru.noko.pipeline.generator.GeneratedCampaign;
import ru.noko.pipeline.job.ResponseIngestJob;
import ru.noko.schemas.avro.SurveyResponse;
import ru.noko.schemas.clickhouse.ClickHouseMigrator;
import ru.noko.schemas.clickhouse.ClickHouseTarget;
import ru.noko.schemas.response.SurveyResponseCodec;

/**
 * {@code bench/cluster-throughput.sh}: the job on the server topology of {@code ./noko run --cluster} (three KRaft
 * brokers with replication 3, a Flink job manager and task managers in JVMs of their own with docker-compose.yml's
 * Flink configuration, the shaded job jar submitted through the REST API) with one task manager and with two, the
 * same generated campaign preloaded into Kafka each time. The job runs on every slot the task managers offer (two
 * each, the compose file's): parallelism 2 on one, 4 on two, as an operator who adds a task manager would run it.
 * Reported per run: responses per second from the job running until every response has its verdict in ClickHouse,
 * and over the backlog's second half (a warm JVM). Runs alternate between the counts, so that a machine that slows
 * down over the run does not favour one. Markdown lines for RELIABILITY.md.
 */
public final class ClusterThroughputBenchmark {

    private static final String TOPIC = "bench.survey-responses";
    private static final Duration LIMIT = Duration.ofMinutes(20);

    private ClusterThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        int responses = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        List<Integer> taskManagerCounts = Stream.of((args.length > 1 ? args[1] : "1,2").split(","))
                .map(Integer::parseInt)
                .toList();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Path jobJar = FlinkCluster.jobJar(Path.of(""));
        Path compose = Path.of("docker-compose.yml");

        int organizations = Math.max(10, responses / 500);
        GeneratedCampaign campaign = new CampaignGenerator(1, organizations, responses / organizations).generate();
        List<SurveyResponse> sorted = new ArrayList<>(campaign.responses());
        sorted.sort(Comparator.comparing(SurveyResponse::getSubmittedAt));
        System.out.println("BENCH | generated | " + sorted.size() + " responses, " + organizations + " organizations");

        ClickHouseServer clickHouse = DevStack.clickHouse();
        List<String> rows = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (int taskManagers : taskManagerCounts) {
                rows.add(run(round, taskManagers, sorted, campaign, clickHouse, jobJar, compose));
            }
        }
        System.out.println();
        System.out.println(
                "| round | task managers | parallelism | end to end, verdicts | steady state (second half) |");
        System.out.println("|---|---|---|---|---|");
        rows.forEach(row -> System.out.println("ROW " + row));
        clickHouse.stop();
    }

    private static String run(
            int round,
            int taskManagers,
            List<SurveyResponse> sorted,
            GeneratedCampaign campaign,
            ClickHouseServer clickHouse,
            Path jobJar,
            Path compose)
            throws Exception {
        Path home = DevStack.scratch("cluster-bench");
        String database = "bench_" + round + "_" + taskManagers;
        ClickHouseTarget target = ClickHouseTarget.local(clickHouse.tcpPort(), database);
        new ClickHouseMigrator(target).migrate();
        try (KafkaCluster kafka = KafkaCluster.onFreePorts(home.resolve("kafka"))) {
            kafka.start();
            Map<String, String> topics =
                    ThroughputBenchmark.createTopics(kafka::createTopic, kafka.bootstrapServers(), TOPIC);
            SurveyResponseCodec codec = new SurveyResponseCodec();
            Instant producing = Instant.now();
            try (KafkaProducer<String, byte[]> producer = ThroughputBenchmark.producer(kafka.bootstrapServers())) {
                campaign.registry()
                        .forEach(r -> producer.send(new ProducerRecord<>(
                                topics.get("NOKO_ORGANIZATIONS_TOPIC"), "r", ThroughputBenchmark.bytes(r))));
                campaign.sessions()
                        .forEach(s -> producer.send(new ProducerRecord<>(
                                topics.get("NOKO_SESSIONS_TOPIC"), "s", ThroughputBenchmark.bytes(s))));
                for (SurveyResponse response : sorted) {
                    producer.send(new ProducerRecord<>(TOPIC, response.getOrganizationId(), codec.encode(response)));
                }
                producer.flush();
            }
            System.out.printf(
                    "BENCH | round %d, %d task manager(s) | preloaded into three brokers in %.1f s%n",
                    round,
                    taskManagers,
                    Duration.between(producing, Instant.now()).toMillis() / 1000.0);

            try (FlinkCluster flink = FlinkCluster.start(
                    ComposeFlinkProperties.read(compose),
                    home.resolve("flink"),
                    home.resolve("checkpoints"),
                    taskManagers)) {
                int slots = Integer.parseInt(
                        flink.settings().configuration().getOrDefault("taskmanager.numberOfTaskSlots", "1"));
                int parallelism = slots * taskManagers;
                Map<String, String> environment = new LinkedHashMap<>(topics);
                environment.put("NOKO_CLICKHOUSE_HOST", "127.0.0.1");
                environment.put("NOKO_CLICKHOUSE_PORT", String.valueOf(clickHouse.tcpPort()));
                environment.put("NOKO_CLICKHOUSE_DATABASE", database);
                environment.put(
                        "NOKO_CHECKPOINT_DIR", flink.checkpointFolder().toUri().toString());
                environment.put("NOKO_SOURCE_IDLENESS", "5s");
                environment.put("NOKO_STATE_BACKEND", System.getenv().getOrDefault("NOKO_STATE_BACKEND", "hashmap"));
                environment.put("NOKO_PSEUDONYM_KEY", "bench-key-0123456789-0123456789-0123456789");
                JobID job = flink.jobs()
                        .submit(new FlinkJobClient.Submission(
                                jobJar, ResponseIngestJob.class.getName(), environment, parallelism));
                flink.rest().awaitRunning(job, Duration.ofMinutes(3));
                Instant started = Instant.now();
                Thread heartbeat = ThroughputBenchmark.heartbeat(kafka.bootstrapServers(), TOPIC, codec);
                try {
                    return measure(round, taskManagers, parallelism, sorted.size(), target, started);
                } finally {
                    heartbeat.interrupt();
                    heartbeat.join();
                }
            }
        }
    }

    private static String measure(
            int round, int taskManagers, int parallelism, long expected, ClickHouseTarget target, Instant started)
            throws Exception {
        Instant halfway = null;
        long atHalfway = 0;
        Instant done = null;
        long verdicts = 0;
        while (done == null && Duration.between(started, Instant.now()).compareTo(LIMIT) < 0) {
            Thread.sleep(1000);
            verdicts = ThroughputBenchmark.count(
                    target,
                    "SELECT count() FROM response_verdicts WHERE campaign_id = 'demo-2026-noko'"
                            + " AND organization_id NOT LIKE 'heartbeat%'");
            if (halfway == null && verdicts >= expected / 2) {
                halfway = Instant.now();
                atHalfway = verdicts;
            }
            if (verdicts >= expected) {
                done = Instant.now();
            }
        }
        if (done == null) {
            return String.format(
                    "| %d | %d | %d | %d of %d verdicts within %s | — |",
                    round, taskManagers, parallelism, verdicts, expected, LIMIT);
        }
        double seconds = Duration.between(started, done).toMillis() / 1000.0;
        double warmSeconds = Duration.between(halfway, done).toMillis() / 1000.0;
        String row = String.format(
                "| %d | %d | %d | %,.0f responses/s (%d in %.1f s) | %,.0f responses/s |",
                round,
                taskManagers,
                parallelism,
                expected / seconds,
                expected,
                seconds,
                (verdicts - atHalfway) / warmSeconds);
        System.out.println("BENCH " + row);
        return row;
    }
}
