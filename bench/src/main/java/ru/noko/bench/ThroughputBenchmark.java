package ru.noko.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import ru.noko.devstack.DevStack;
import ru.noko.devstack.clickhouse.ClickHouseServer;
import ru.noko.devstack.kafka.KafkaBroker;
import ru.noko.devstack.process.ChildProcess;
import ru.noko.pipeline.generator.CampaignGenerator;
import ru.noko.pipeline.generator.GeneratedCampaign;
import ru.noko.pipeline.job.PipelineConfig;
import ru.noko.pipeline.job.ResponseIngestJob;
import ru.noko.schemas.avro.ClientMetadata;
import ru.noko.schemas.avro.SurveyResponse;
import ru.noko.schemas.clickhouse.ClickHouseMigrator;
import ru.noko.schemas.clickhouse.ClickHouseTarget;
import ru.noko.schemas.response.SurveyResponseCodec;

/**
 * {@code bench/throughput.sh}: pushes a generated campaign of N responses (with its fraud patterns, registry and
 * self-assessments) through Kafka → Flink → ClickHouse on this machine and reports
 * <ul>
 *   <li>sustained throughput end to end: N over the time from job start until every response has its verdict in
 *       ClickHouse (the slowest path: raw rows, verdicts, live figures are all written);
 *   <li>freshness under moderate load: afterwards, probe responses at a steady rate, each of its own organization,
 *       and the time from the gateway's receivedAt to the first live figure of that organization in ClickHouse;
 *   <li>checkpoint durations, from Flink's REST API.
 * </ul>
 * Results go to standard output as Markdown lines for BENCHMARKS.md.
 *
 * <p>Why one class of this size: bench/throughput-compare.sh copies this file alone into an earlier commit's tree to
 * measure both the same way, so it depends on nothing else in this package.
 */
public final class ThroughputBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        int responses = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int probeRate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int probeSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        String outOfOrderness = args.length > 3 ? args[3] : "1s";
        int warmUp = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARM_UP", "0"));

        ClickHouseServer clickHouse = DevStack.clickHouse();
        KafkaBroker kafka = DevStack.kafka();
        try {
            if (warmUp > 0) {
                // A job runs for weeks, long after the JIT has compiled its hot paths, which a fresh JVM spends the
                // whole of a cold run on (the compiler threads take a fifth to a quarter of a core throughout). The
                // same job first reads another campaign in its own topics and database, then stops, and the
                // measured job starts in this JVM with the code the first one made hot already compiled.
                Instant warming = Instant.now();
                runJob(clickHouse, kafka, "warm-up", 2, warmUp, 0, 0, outOfOrderness, false);
                line(
                        "warm-up",
                        String.format(
                                "%d other responses through the same job in this JVM first, %.1f s (not measured)",
                                warmUp, seconds(warming)));
            }
            runJob(clickHouse, kafka, "bench", 1, responses, probeRate, probeSeconds, outOfOrderness, true);
        } finally {
            kafka.stop();
            clickHouse.stop();
        }
    }

    /**
     * One job over a generated campaign in topics named {@code prefix.*} and the database {@code prefix}; reports
     * its figures when {@code report}, and otherwise drops its database once the job has read everything, so its
     * parts are not merged under the next job.
     */
    private static void runJob(
            ClickHouseServer clickHouse,
            KafkaBroker kafka,
            String prefix,
            long seed,
            int responses,
            int probeRate,
            int probeSeconds,
            String outOfOrderness,
            boolean report)
            throws Exception {
        String topic = prefix + ".survey-responses";
        Map<String, String> topics = createTopics(kafka::createTopic, kafka.bootstrapServers(), topic, prefix);
        int flinkPort = ChildProcess.freePort();
        PipelineConfig config = PipelineConfig.fromEnvironment(withTopics(
                topics,
                Map.ofEntries(
                        Map.entry("NOKO_CLICKHOUSE_PORT", String.valueOf(clickHouse.tcpPort())),
                        Map.entry("NOKO_CLICKHOUSE_DATABASE", prefix.replace('-', '_')),
                        Map.entry(
                                "NOKO_CHECKPOINT_DIR",
                                DevStack.scratch(prefix + "-checkpoints")
                                        .toUri()
                                        .toString()),
                        Map.entry("NOKO_MAX_OUT_OF_ORDERNESS", outOfOrderness),
                        Map.entry("NOKO_SOURCE_IDLENESS", "5s"),
                        // The deployment's default unless the caller sets it, to measure what the interval costs.
                        Map.entry(
                                "NOKO_CHECKPOINT_INTERVAL",
                                System.getenv().getOrDefault("NOKO_CHECKPOINT_INTERVAL", "10s")),
                        Map.entry("NOKO_STATE_BACKEND", System.getenv().getOrDefault("NOKO_STATE_BACKEND", "hashmap")),
                        Map.entry("NOKO_PSEUDONYM_KEY", "bench-key-0123456789-0123456789-0123456789"))));
        ClickHouseTarget target = config.clickHouse();
        new ClickHouseMigrator(target).migrate();

        SurveyResponseCodec codec = new SurveyResponseCodec();
        // Generated and sent in a method of its own: once in Kafka, the campaign's objects are garbage, not an old
        // generation the job's collections keep walking (with 3 million responses the collector took a core of two).
        long expected = preload(kafka, prefix, topic, seed, responses, codec, report);

        Configuration flink = ResponseIngestJob.flinkConfiguration(config);
        flink.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        flink.set(RestOptions.PORT, flinkPort);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, flink);
        ResponseIngestJob.defineWorkflow(env, config);
        Instant started = Instant.now();
        JobClient job = env.executeAsync(ResponseIngestJob.NAME);
        try {
            // Respondents keep answering while the backlog is read: a heartbeat response on every partition each
            // half second moves the watermark past the preloaded campaign, as live traffic would.
            Thread heartbeat = heartbeat(kafka, topic, codec);
            Instant rawDone = null;
            Instant verdictsDone = null;
            // Steady state: the second half of the backlog, after the JIT has compiled the hot paths (a fresh JVM
            // spends the first tens of seconds compiling), measured from the first poll that saw half the verdicts.
            Instant halfway = null;
            long verdictsAtHalfway = 0;
            long verdicts = 0;
            while (verdictsDone == null
                    && Duration.between(started, Instant.now()).toMinutes() < 20) {
                Thread.sleep(1000);
                rawDone = rawDone == null && rawRows(target) >= expected ? Instant.now() : rawDone;
                verdicts = count(
                        target,
                        "SELECT count() FROM response_verdicts WHERE campaign_id = 'demo-2026-noko'"
                                + " AND organization_id NOT LIKE 'heartbeat%'");
                if (halfway == null && verdicts >= expected / 2) {
                    halfway = Instant.now();
                    verdictsAtHalfway = verdicts;
                }
                if (verdicts >= expected) {
                    verdictsDone = Instant.now();
                }
            }
            // The live figures come after the verdicts: wait until they count every accepted response.
            long accepted = count(
                    target,
                    "SELECT count() FROM response_verdicts FINAL WHERE campaign_id = 'demo-2026-noko'"
                            + " AND organization_id NOT LIKE 'heartbeat%' AND verdict != 'rejected'");
            Instant figuresDone = null;
            long counted = 0;
            while (figuresDone == null
                    && Duration.between(started, Instant.now()).toMinutes() < 20) {
                counted = count(
                        target,
                        "SELECT sum(r) FROM (SELECT organization_id, max(responses) AS r"
                                + " FROM organization_results WHERE campaign_id = 'demo-2026-noko'"
                                + " AND organization_id NOT LIKE 'heartbeat%' GROUP BY organization_id)");
                if (counted >= accepted) {
                    figuresDone = Instant.now();
                } else {
                    Thread.sleep(250);
                }
            }
            // The raw rows go in the larger, later inserts (NOKO_SINK_FLUSH_INTERVAL): they may come after the verdicts
            // and the figures, and are waited for here rather than left unmeasured.
            while (rawDone == null && Duration.between(started, Instant.now()).toMinutes() < 20) {
                rawDone = rawRows(target) >= expected ? Instant.now() : null;
                if (rawDone == null) {
                    Thread.sleep(250);
                }
            }
            if (!report) {
                heartbeat.interrupt();
                heartbeat.join();
                return;
            }
            double rawSeconds = secondsBetween(started, rawDone);
            double verdictSeconds = secondsBetween(started, verdictsDone);
            line(
                    "end to end, raw rows",
                    String.format(
                            "%d responses in survey_responses %.1f s after the job started:" + " %.0f responses/s",
                            expected, rawSeconds, expected / rawSeconds));
            line(
                    "end to end, verdicts",
                    String.format(
                            "%d of %d verdicts in response_verdicts after %.1f s: %.0f responses/s"
                                    + " (screened by every anti-fraud check, counted into live figures)",
                            verdicts, expected, verdictSeconds, verdicts / verdictSeconds));
            if (halfway != null && verdictsDone != null) {
                double warmSeconds = secondsBetween(halfway, verdictsDone);
                line(
                        "steady state, verdicts",
                        String.format(
                                "the second half of the backlog (%d verdicts) in %.1f s: %.0f responses/s (warm JVM)",
                                verdicts - verdictsAtHalfway,
                                warmSeconds,
                                (verdicts - verdictsAtHalfway) / warmSeconds));
            }
            line("raw rows", count(target, "SELECT count() FROM survey_responses") + " in survey_responses");
            double figureSeconds = secondsBetween(started, figuresDone);
            line(
                    "end to end, live figures",
                    String.format(
                            "%d accepted responses counted in organization_results after"
                                    + " %.1f s: %.0f responses/s (all %d responses read, judged and counted)",
                            counted, figureSeconds, expected / figureSeconds, expected));

            // The heartbeat goes on while the probes are sent: respondents do not stop answering, and without later
            // responses the last probes' verdicts would wait for the watermark (pipeline/DISCUSSION.md).
            List<Long> freshness = probeFreshness(kafka, topic, codec, target, probeRate, probeSeconds);
            heartbeat.interrupt();
            heartbeat.join();
            line(
                    "freshness",
                    String.format(
                            "%d probes at %d/s: p50 %d ms, p95 %d ms, max %d ms (receivedAt → first live"
                                    + " figure of the probe's organization in ClickHouse, 1 s resolution)",
                            freshness.size(),
                            probeRate,
                            percentile(freshness, 50),
                            percentile(freshness, 95),
                            percentile(freshness, 100)));
            line("checkpoints", checkpoints(flinkPort, job.getJobID().toString()));
        } finally {
            job.cancel().get();
            if (!report) {
                try (Connection connection = ClickHouseTarget.local(clickHouse.tcpPort(), "default")
                                .connect();
                        Statement statement = connection.createStatement()) {
                    statement.execute("DROP DATABASE " + target.database());
                }
            }
        }
    }

    /** Generates a campaign of about {@code responses} and sends it to the job's topics; returns its responses. */
    private static long preload(
            KafkaBroker kafka,
            String prefix,
            String topic,
            long seed,
            int responses,
            SurveyResponseCodec codec,
            boolean report) {
        Instant generating = Instant.now();
        int organizations = Math.max(10, responses / 500);
        GeneratedCampaign campaign = new CampaignGenerator(seed, organizations, responses / organizations).generate();
        List<SurveyResponse> sorted = new ArrayList<>(campaign.responses());
        sorted.sort(Comparator.comparing(SurveyResponse::getSubmittedAt));
        report(
                report,
                "generated",
                sorted.size() + " responses, " + organizations + " organizations in " + seconds(generating) + " s");

        Instant producing = Instant.now();
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            campaign.registry()
                    .forEach(r -> producer.send(new ProducerRecord<>(prefix + ".organizations", "r", bytes(r))));
            campaign.selfAssessments()
                    .forEach(s -> producer.send(new ProducerRecord<>(prefix + ".self-assessments", "s", bytes(s))));
            campaign.sessions().forEach(s -> producer.send(new ProducerRecord<>(prefix + ".sessions", "s", bytes(s))));
            for (SurveyResponse response : sorted) {
                producer.send(new ProducerRecord<>(topic, response.getOrganizationId(), codec.encode(response)));
            }
            producer.flush();
        }
        double produceSeconds = seconds(producing);
        report(
                report,
                "preloaded into Kafka",
                String.format("%.1f s (%.0f responses/s)", produceSeconds, sorted.size() / produceSeconds));

        return sorted.size();
    }

    /**
     * Every topic the job reads, made on the broker ({@code responses} with 4 partitions, the others with one): a
     * source whose topic is missing fails the job, and it restarts for ever. Returns the job's settings naming them.
     */
    static Map<String, String> createTopics(KafkaBroker kafka, String responses) {
        return createTopics(kafka::createTopic, kafka.bootstrapServers(), responses);
    }

    /** As {@link #createTopics(KafkaBroker, String)}, on any Kafka: {@code create} makes a topic of n partitions. */
    static Map<String, String> createTopics(
            java.util.function.ObjIntConsumer<String> create, String bootstrapServers, String responses) {
        return createTopics(create, bootstrapServers, responses, "bench");
    }

    /** As above, the other topics named {@code prefix.*}. */
    static Map<String, String> createTopics(
            java.util.function.ObjIntConsumer<String> create,
            String bootstrapServers,
            String responses,
            String prefix) {
        Map<String, String> topics = new java.util.LinkedHashMap<>();
        topics.put("NOKO_RESPONSES_TOPIC", responses);
        topics.put("NOKO_SESSIONS_TOPIC", prefix + ".sessions");
        topics.put("NOKO_SELF_ASSESSMENTS_TOPIC", prefix + ".self-assessments");
        topics.put("NOKO_ORGANIZATIONS_TOPIC", prefix + ".organizations");
        topics.put("NOKO_VERDICT_CORRECTIONS_TOPIC", prefix + ".corrections");
        topics.put("NOKO_CAMPAIGNS_TOPIC", prefix + ".campaigns");
        topics.values().forEach(name -> create.accept(name, name.equals(responses) ? 4 : 1));
        topics.put("NOKO_KAFKA_BOOTSTRAP", bootstrapServers);
        return topics;
    }

    /** The job's settings: the topics' and the broker's, and the rest. */
    /** The sinks' settings the caller may set in the environment, to measure what they cost. */
    private static final List<String> SINK_SETTINGS =
            List.of("NOKO_SINK_BATCH_SIZE", "NOKO_SINK_FLUSH_INTERVAL", "NOKO_LIVE_FLUSH_INTERVAL");

    static Map<String, String> withTopics(Map<String, String> topics, Map<String, String> rest) {
        Map<String, String> settings = new java.util.LinkedHashMap<>(topics);
        settings.putAll(rest);
        SINK_SETTINGS.forEach(name -> {
            String value = System.getenv(name);
            if (value != null) {
                settings.put(name, value);
            }
        });
        return settings;
    }

    static Thread heartbeat(KafkaBroker kafka, String topic, SurveyResponseCodec codec) {
        return heartbeat(kafka.bootstrapServers(), topic, codec);
    }

    static Thread heartbeat(String bootstrapServers, String topic, SurveyResponseCodec codec) {
        Thread thread = new Thread(
                () -> {
                    try (KafkaProducer<String, byte[]> producer = producer(bootstrapServers)) {
                        for (int beat = 0; !Thread.currentThread().isInterrupted(); beat++) {
                            for (int partition = 0; partition < 4; partition++) {
                                SurveyResponse response = probe(-1, Instant.now());
                                response.setResponseId("heartbeat-" + beat + "-" + partition);
                                response.setOrganizationId("heartbeat-" + partition);
                                producer.send(new ProducerRecord<>(
                                        topic, partition, response.getOrganizationId(), codec.encode(response)));
                            }
                            Thread.sleep(500);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "heartbeat");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static List<Long> probeFreshness(
            KafkaBroker kafka, String topic, SurveyResponseCodec codec, ClickHouseTarget target, int rate, int seconds)
            throws Exception {
        List<Instant> sent = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            for (int i = 0; i < rate * seconds; i++) {
                Instant now = Instant.now();
                SurveyResponse probe = probe(i, now);
                producer.send(new ProducerRecord<>(topic, probe.getOrganizationId(), codec.encode(probe)));
                sent.add(now);
                long due = (long) (i + 1) * 1000 / rate;
                long ahead = due - Duration.between(sent.get(0), Instant.now()).toMillis();
                if (ahead > 0) {
                    Thread.sleep(ahead);
                }
            }
            producer.flush();
        }
        Thread.sleep(15_000);
        List<Long> latencies = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT organization_id, toUInt64(min(written_at))"
                        + " FROM organization_results WHERE organization_id LIKE 'probe-%' GROUP BY organization_id")) {
            while (rows.next()) {
                int i = Integer.parseInt(rows.getString(1).substring("probe-".length()));
                if (i >= 0) {
                    // written_at has whole seconds: the latency is known to within a second.
                    latencies.add(
                            Math.max(0, rows.getLong(2) * 1000 - sent.get(i).toEpochMilli()));
                }
            }
        }
        latencies.sort(Long::compare);
        return latencies;
    }

    private static SurveyResponse probe(int i, Instant now) {
        return SurveyResponse.newBuilder()
                .setResponseId("probe-" + i + "-" + now.toEpochMilli())
                .setCampaignId("demo-2026-noko")
                .setOrganizationId("probe-" + i)
                .setRespondentRole("parent")
                .setAnswers(Map.of(
                        "q1", false, "q3", false, "q5", true, "q6", false, "q8", true, "q9", true, "q10", false, "q12",
                        true, "q13", true, "q14", true))
                .setStartedAt(now.minusSeconds(300))
                .setSubmittedAt(now)
                .setReceivedAt(now)
                .setClient(ClientMetadata.newBuilder()
                        .setIpAddress("10.200." + (i / 256 % 256) + "." + (i % 256))
                        .setUserAgent("probe")
                        .setDeviceToken("probe-device-" + i)
                        .setEmailHmac(null)
                        .build())
                .build();
    }

    private static String checkpoints(int port, String jobId) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + "/jobs/" + jobId + "/checkpoints"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(answer.body());
        JsonNode duration = json.at("/summary/end_to_end_duration");
        JsonNode size = json.at("/summary/checkpointed_size");
        return String.format(
                "%d completed, end-to-end duration p50 %s ms, p95 %s ms, max %s ms; size p50 %s bytes",
                json.at("/counts/completed").asLong(),
                duration.path("p50").asText(),
                duration.path("p95").asText(),
                duration.path("max").asText(),
                size.path("p50").asText());
    }

    /** Seconds from {@code from} to {@code to}; NaN when {@code to} never came. */
    private static double secondsBetween(Instant from, Instant to) {
        return to == null ? Double.NaN : Duration.between(from, to).toMillis() / 1000.0;
    }

    private static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** The benchmark's raw rows in survey_responses, heartbeats left out. */
    private static long rawRows(ClickHouseTarget target) throws Exception {
        return count(
                target,
                "SELECT count() FROM survey_responses WHERE campaign_id = 'demo-2026-noko'"
                        + " AND organization_id NOT LIKE 'heartbeat%'");
    }

    static long count(ClickHouseTarget target, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static KafkaProducer<String, byte[]> producer(KafkaBroker kafka) {
        return producer(kafka.bootstrapServers());
    }

    static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        20,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        256 * 1024,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        "lz4"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }

    private static void report(boolean report, String what, String result) {
        if (report) {
            line(what, result);
        }
    }

    private static void line(String what, String result) {
        System.out.println("BENCH | " + what + " | " + result + " |");
    }
}
