package ru.noko.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import ru.noko.devstack.clickhouse.ClickHouseServer;
import ru.noko.devstack.kafka.KafkaBroker;
import ru.noko.devstack.process.ChildProcess;
import ru.noko.pipeline.generator.CampaignGenerator;
import ru.noko.pipeline.generator.GeneratedCampaign;
import ru.noko.pipeline.job.PipelineConfig;
import ru.noko.pipeline.job.ResponseIngestJob;
import ru.noko.schemas.avro.SurveyResponse;
import ru.noko.schemas.clickhouse.ClickHouseMigrator;
import ru.noko.schemas.clickhouse.ClickHouseTarget;
import ru.noko.schemas.response.SurveyResponseCodec;

/**
 * {@code bench/state-size.sh}: how much state the job keeps per response, with one state backend. Pushes a generated
 * campaign of N responses through Kafka → Flink → ClickHouse (the throughput benchmark's set-up, with the job's own
 * checkpoint settings), waits until every response has its verdict and the watermark has passed the campaign (the
 * address windows are then empty: what stays is what the campaign's lifetime keeps, the e-mails, devices and
 * Idempotency-Keys, and the figures), lets two more checkpoints complete, and reports
 * <ul>
 *   <li>the last checkpoint: its full state size, what it uploaded, its duration, its files on disk, and the state per
 *       operator;
 *   <li>the heap the job holds: used heap after a full collection, minus the same just before the job started;
 *   <li>with RocksDB, its working directory on local disk.
 * </ul>
 *
 * <p>The campaign is {@link CampaignGenerator}'s in slices of 100,000 responses (200 organizations of 500 honest
 * respondents, plus the generator's fraud patterns), each slice one day later than the one before and on
 * organizations of its own, so that a larger N is a longer campaign over more organizations rather than more
 * responses per organization. Every response carries an Idempotency-Key, as the survey page sends one; a third has an
 * e-mail, each its own device and address (the generator's spread). The same seed gives the same campaign.
 *
 * <p>Why one class of this size: one measurement from start to end, in the order its figures are taken; what it shares
 * with the throughput benchmark it calls there.
 */
public final class StateSizeBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ORGANIZATIONS_PER_SLICE = 200;
    private static final int RESPONDENTS_PER_ORGANIZATION = 500;
    private static final Pattern ORGANIZATION = Pattern.compile("gen-org-(\\d+)");
    private static final String TOPIC = "bench.survey-responses";

    private StateSizeBenchmark() {}

    public static void main(String[] args) throws Exception {
        int responses = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String backend = args.length > 1 ? args[1] : "hashmap";
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        String managedMemory = System.getenv().getOrDefault("BENCH_MANAGED_MEMORY", "1g");

        Path scratch = Files.createTempDirectory("noko-state-size-");
        Path checkpoints = scratch.resolve("checkpoints");
        Path rocksdb = scratch.resolve("rocksdb");
        ClickHouseServer clickHouse =
                ClickHouseServer.onFreePorts(scratch.resolve("clickhouse")).start();
        KafkaBroker kafka = KafkaBroker.onFreePorts(scratch.resolve("kafka")).start();
        JobClient job = null;
        try {
            Map<String, String> topics = ThroughputBenchmark.createTopics(kafka, TOPIC);
            int flinkPort = ChildProcess.freePort();
            PipelineConfig config = PipelineConfig.fromEnvironment(ThroughputBenchmark.withTopics(
                    topics,
                    Map.ofEntries(
                            Map.entry("NOKO_CLICKHOUSE_PORT", String.valueOf(clickHouse.tcpPort())),
                            Map.entry("NOKO_CLICKHOUSE_DATABASE", "bench"),
                            Map.entry("NOKO_CHECKPOINT_DIR", checkpoints.toUri().toString()),
                            Map.entry("NOKO_STATE_BACKEND", backend),
                            Map.entry("NOKO_SOURCE_IDLENESS", "5s"),
                            Map.entry(
                                    "NOKO_CHECKPOINT_INTERVAL",
                                    System.getenv().getOrDefault("NOKO_CHECKPOINT_INTERVAL", "10s")),
                            Map.entry("NOKO_PSEUDONYM_KEY", "bench-key-0123456789-0123456789-0123456789"))));
            ClickHouseTarget target = config.clickHouse();
            new ClickHouseMigrator(target).migrate();

            SurveyResponseCodec codec = new SurveyResponseCodec();
            Instant producing = Instant.now();
            long sent = preload(kafka, codec, responses, seed);
            BenchLines.line(
                    "generated and preloaded into Kafka",
                    String.format(
                            "%d responses (seed %d, %d organizations) in %.1f s",
                            sent, seed, organizations(responses), seconds(producing)));

            long heapBefore = usedHeapAfterGc();
            Configuration flink = ResponseIngestJob.flinkConfiguration(config);
            flink.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            flink.set(RestOptions.PORT, flinkPort);
            if (backend.equals("rocksdb")) {
                flink.setString("state.backend.rocksdb.localdir", rocksdb.toString());
                flink.setString("taskmanager.memory.managed.size", managedMemory);
            }
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, flink);
            ResponseIngestJob.defineWorkflow(env, config);
            Instant started = Instant.now();
            job = env.executeAsync(ResponseIngestJob.NAME);
            String jobId = job.getJobID().toString();
            Thread heartbeat = ThroughputBenchmark.heartbeat(kafka, TOPIC, codec);

            long verdicts = 0;
            Instant done = null;
            while (done == null && Duration.between(started, Instant.now()).toMinutes() < 40) {
                Thread.sleep(2000);
                verdicts = ThroughputBenchmark.count(
                        target,
                        "SELECT count() FROM response_verdicts WHERE campaign_id = 'demo-2026-noko'"
                                + " AND organization_id NOT LIKE 'heartbeat%'");
                if (verdicts >= sent) {
                    done = Instant.now();
                }
            }
            if (done == null) {
                throw new IllegalStateException("only " + verdicts + " of " + sent + " verdicts after 40 minutes");
            }
            double processSeconds = Duration.between(started, done).toMillis() / 1000.0;
            BenchLines.line(
                    "processed",
                    String.format(
                            "%d verdicts %.1f s after the job started (%.0f responses/s)",
                            verdicts, processSeconds, verdicts / processSeconds));

            // The figures and the expired address windows settle within seconds of the last verdict; the second
            // checkpoint after that holds the state as the campaign's lifetime keeps it.
            long completedAtDone =
                    checkpointStats(flinkPort, jobId).at("/counts/completed").asLong();
            while (checkpointStats(flinkPort, jobId).at("/counts/completed").asLong() < completedAtDone + 2) {
                Thread.sleep(1000);
            }
            JsonNode stats = checkpointStats(flinkPort, jobId);
            JsonNode latest = stats.at("/latest/completed");
            long stateSize = latest.path("state_size").asLong();
            long uploaded = latest.path("checkpointed_size").asLong();
            long lastDuration = latest.path("end_to_end_duration").asLong();
            JsonNode summary = stats.at("/summary/end_to_end_duration");
            long onDisk = bytesUnder(checkpoints);
            long heap = usedHeapAfterGc() - heapBefore;
            long rocksdbDisk = bytesUnder(rocksdb);
            heartbeat.interrupt();

            BenchLines.line(
                    "last checkpoint",
                    String.format(
                            "%d: full state %,d bytes (%.1f per response), uploaded %,d bytes, %d ms; files on disk"
                                    + " (1 retained) %,d bytes",
                            latest.path("id").asLong(),
                            stateSize,
                            stateSize / (double) sent,
                            uploaded,
                            lastDuration,
                            onDisk));
            BenchLines.line(
                    "all checkpoints",
                    String.format(
                            "%d completed, %d failed; duration p50 %s ms, max %s ms",
                            stats.at("/counts/completed").asLong(),
                            stats.at("/counts/failed").asLong(),
                            summary.path("p50").asText(),
                            summary.path("max").asText()));
            for (String operator :
                    operatorStates(flinkPort, jobId, latest.path("id").asLong())) {
                BenchLines.line("state of an operator", operator);
            }
            BenchLines.line(
                    "heap held by the job",
                    String.format(
                            "%,d bytes (%.1f per response): used heap after a full GC, minus the same before the"
                                    + " job started",
                            heap, heap / (double) sent));
            if (backend.equals("rocksdb")) {
                BenchLines.line(
                        "RocksDB working directory",
                        String.format(
                                "%,d bytes (%.1f per response) on local disk; managed memory %s",
                                rocksdbDisk, rocksdbDisk / (double) sent, managedMemory));
            }
            System.out.printf(
                    "ROW | %,d | %s | %,d | %.0f | %,d | %d | %s | %,d | %.0f | %s | %.0f |%n",
                    sent,
                    backend,
                    stateSize,
                    stateSize / (double) sent,
                    uploaded,
                    lastDuration,
                    summary.path("max").asText(),
                    heap,
                    heap / (double) sent,
                    backend.equals("rocksdb") ? String.format("%,d", rocksdbDisk) : "—",
                    verdicts / processSeconds);
        } finally {
            if (job != null) {
                job.cancel().get();
            }
            kafka.stop();
            clickHouse.stop();
            deleteTree(scratch);
        }
    }

    static int organizations(int responses) {
        return (responses + RESPONDENTS_PER_ORGANIZATION - 1) / RESPONDENTS_PER_ORGANIZATION;
    }

    /** Generates and sends the campaign slice by slice; returns the responses sent. */
    private static long preload(KafkaBroker kafka, SurveyResponseCodec codec, int responses, long seed) {
        long sent = 0;
        int organizations = organizations(responses);
        try (KafkaProducer<String, byte[]> producer = ThroughputBenchmark.producer(kafka)) {
            for (int slice = 0; slice * ORGANIZATIONS_PER_SLICE < organizations; slice++) {
                int first = slice * ORGANIZATIONS_PER_SLICE;
                int count = Math.min(ORGANIZATIONS_PER_SLICE, organizations - first);
                GeneratedCampaign campaign = new CampaignGenerator(
                                seed * 1_000_003L + slice, count, RESPONDENTS_PER_ORGANIZATION)
                        .generate();
                Random keys = new Random(seed * 1_000_033L + slice);
                for (String entry : campaign.registry()) {
                    producer.send(new ProducerRecord<>(
                            "bench.organizations", "r", ThroughputBenchmark.bytes(renumber(entry, first))));
                }
                for (String assessment : campaign.selfAssessments()) {
                    producer.send(new ProducerRecord<>(
                            "bench.self-assessments", "s", ThroughputBenchmark.bytes(renumber(assessment, first))));
                }
                if (slice == 0) {
                    for (String session : campaign.sessions()) {
                        producer.send(new ProducerRecord<>("bench.sessions", "s", ThroughputBenchmark.bytes(session)));
                    }
                }
                List<SurveyResponse> ordered = new ArrayList<>(campaign.responses());
                ordered.sort(Comparator.comparing(SurveyResponse::getSubmittedAt));
                Duration later = Duration.ofDays(slice);
                for (SurveyResponse response : ordered) {
                    response.setOrganizationId(renumber(response.getOrganizationId(), first));
                    response.setResponseId(
                            UUID.nameUUIDFromBytes(("state-size-" + slice + "-" + response.getResponseId())
                                            .getBytes(StandardCharsets.UTF_8))
                                    .toString());
                    response.setStartedAt(response.getStartedAt().plus(later));
                    response.setSubmittedAt(response.getSubmittedAt().plus(later));
                    response.setReceivedAt(response.getReceivedAt().plus(later));
                    response.setIdempotencyKey(new UUID(keys.nextLong(), keys.nextLong()).toString());
                    producer.send(new ProducerRecord<>(TOPIC, response.getOrganizationId(), codec.encode(response)));
                    sent++;
                }
            }
            producer.flush();
        }
        return sent;
    }

    /** The generator's organization numbers, moved to the slice's own. */
    private static String renumber(String text, int first) {
        Matcher matcher = ORGANIZATION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, "gen-org-" + (first + Integer.parseInt(matcher.group(1))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static JsonNode checkpointStats(int port, String jobId) throws Exception {
        return get(port, "/jobs/" + jobId + "/checkpoints");
    }

    /** The state of each operator chain in a checkpoint, the largest first. */
    private static List<String> operatorStates(int port, String jobId, long checkpoint) throws Exception {
        Map<String, String> names = new HashMap<>();
        for (JsonNode vertex : get(port, "/jobs/" + jobId).path("vertices")) {
            names.put(vertex.path("id").asText(), vertex.path("name").asText());
        }
        JsonNode tasks = get(port, "/jobs/" + jobId + "/checkpoints/details/" + checkpoint)
                .path("tasks");
        List<Map.Entry<String, Long>> sizes = new ArrayList<>();
        tasks.fields()
                .forEachRemaining(task -> sizes.add(Map.entry(
                        names.getOrDefault(task.getKey(), task.getKey()),
                        task.getValue().path("state_size").asLong())));
        sizes.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Long> size : sizes) {
            if (size.getValue() > 0) {
                String name = size.getKey().length() > 90 ? size.getKey().substring(0, 90) + "…" : size.getKey();
                lines.add(String.format("%,d bytes: %s", size.getValue(), name));
            }
        }
        return lines;
    }

    private static JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body());
    }

    /** The bytes of the files under a folder; a folder removed while walking (a subsumed checkpoint) walks again. */
    private static long bytesUnder(Path folder) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return walkBytes(folder);
            } catch (UncheckedIOException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static long walkBytes(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> {
                        try {
                            return Files.size(file);
                        } catch (IOException e) {
                            return 0; // removed while walking: a checkpoint being subsumed
                        }
                    })
                    .sum();
        }
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }
}
