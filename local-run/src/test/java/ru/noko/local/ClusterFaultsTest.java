package ru.noko.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import ru.noko.devstack.DevStack;
import ru.noko.local.cluster.ClusterPrometheus;
import ru.noko.local.cluster.FlinkCluster;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.pipeline.recheck.Recheck;
import ru.noko.pipeline.recheck.RecheckResult;
import ru.noko.schemas.clickhouse.ClickHouseQueries;
import ru.noko.schemas.response.SurveyResponseCodec;

/**
 * The server topology on this machine (three brokers, a Flink job manager and two task managers, two gateways behind
 * nginx with TLS, ClickHouse), under a steady load of respondents who send again with the same Idempotency-Key on a
 * 503 or a lost answer, through one fault at a time. Each time every response answered 202 is in ClickHouse exactly
 * once and nothing else is, each with the verdict an undisturbed run gives, and the part comes back. The figures of each fault (load, refused, lost, duplicated,
 * recovery, p99) go to target/reliability/faults.md, from which RELIABILITY.md's table is copied.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultsTest {

    private static final int RESPONDENTS = 4;
    private static final Duration BACK = Duration.ofSeconds(180);
    private static final Duration PIPELINE = Duration.ofSeconds(180);
    /** Longer than the sink's flush interval and a checkpoint, so a late duplicate would have shown up. */
    private static final Duration SETTLE = Duration.ofSeconds(3);

    private static final String CAMPAIGN = "demo-2026-noko";
    private static final Campaigns CAMPAIGNS = bundledCampaigns();

    private static final Path FIGURES = Path.of("target/reliability/faults.md");
    private static final List<String> console = new CopyOnWriteArrayList<>();
    private static ClusterSystem cluster;

    @BeforeAll
    static void startTheServerTopology() throws Exception {
        Path home = DevStack.scratch("cluster");
        cluster = new ClusterSystem(
                        new ClusterSystem.Settings(
                                home,
                                Path.of(System.getProperty("noko.gatewayJar", "missing")),
                                Path.of(System.getProperty("noko.portalJar", "missing")),
                                FlinkCluster.jobJar(Path.of("..")),
                                Path.of("target/agents/jmx_prometheus_javaagent.jar"),
                                Path.of("../docker-compose.yml"),
                                Path.of("../deploy"),
                                false,
                                0),
                        line -> {
                            console.add(line);
                            System.out.println(line);
                        })
                .start();
        Files.createDirectories(FIGURES.getParent());
        Files.writeString(
                FIGURES,
                "| fault | accepted before → during | refused | lost | duplicated | verdicts unlike an undisturbed run"
                        + " | back after | longest without a 202 | p99 during |\n|---|---|---|---|---|---|---|---|---|\n");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aBrokerKilledLosesNothingItsPartitionsGetNewLeadersAndItCatchesUpWhenBack() throws Exception {
        int node = 1;
        underLoad("SIGKILL Kafka broker 1", "broker", () -> {
            cluster.kafka().kill(node);
            awaitTrue(
                    "the partitions broker 1 led have other leaders",
                    () -> !cluster.kafka().leaders("noko.survey-responses").containsValue(node)
                            || cluster.kafka()
                                    .process(node)
                                    .map(p -> p.isAlive())
                                    .orElse(false));
            awaitTrue(
                    "broker 1 is back in every in-sync replica set",
                    () -> cluster.kafka().inEveryIsr(node));
        });
    }

    @Test
    @Order(2)
    void aTaskManagerKilledRestartsTheJobFromItsCheckpointWithEveryResponseOnce() throws Exception {
        underLoad("SIGKILL a Flink task manager", "taskmanager", () -> {
            String busy = cluster.flink().rest().busyTaskManagers().iterator().next();
            long restoredBefore =
                    cluster.flink().rest().checkpoints(cluster.job()).restored();
            cluster.flink().kill(busy);
            awaitTrue(
                    "the job restored from its checkpoint and running again",
                    () -> cluster.flink().rest().checkpoints(cluster.job()).restored() > restoredBefore
                            && cluster.flink().rest().isRunning(cluster.job()));
            awaitTrue(
                    "the task manager registered again",
                    () -> cluster.flink().rest().registeredTaskManagers().size() == 2);
        });
    }

    @Test
    @Order(3)
    void aJobManagerKilledComesBackWithTheJobFromItsCheckpoint() throws Exception {
        underLoad("SIGKILL the Flink job manager", "jobmanager", () -> {
            String before = cluster.job().toString();
            cluster.flink().kill(FlinkCluster.JOB_MANAGER);
            awaitTrue(
                    "the job submitted again from its checkpoint and running",
                    () -> !cluster.job().toString().equals(before)
                            && cluster.flink().rest().isRunning(cluster.job()));
        });
    }

    @Test
    @Order(4)
    void aGatewayKilledSendsTheTrafficToTheOtherAndRetriesAreStoredOnce() throws Exception {
        underLoad("SIGKILL a gateway", "gateway", () -> {
            long pid = cluster.gateway(0).handle().pid();
            cluster.gateway(0).kill();
            awaitTrue(
                    "gateway-1 restarted",
                    () -> cluster.gateway(0).handle().pid() != pid
                            && cluster.gateway(0).isAlive());
        });
    }

    @Test
    @Order(5)
    void aGatewayFrozenForThirtySecondsIsPassedByAndNothingIsStoredTwice() throws Exception {
        underLoad("SIGSTOP a gateway for 30 s", "frozen", () -> {
            ProcessHandle frozen = cluster.gateway(0).handle();
            signal(frozen, "STOP");
            Thread.sleep(30_000);
            signal(frozen, "CONT");
            awaitTrue("gateway-1 answers again", () -> cluster.gateway(0).isAlive());
        });
    }

    @Test
    @Order(6)
    void clickHouseDownForAMinuteLosesNothing() throws Exception {
        underLoad("ClickHouse down for 60 s", "clickhouse", () -> {
            cluster.holdDown("ClickHouse", Instant.now().plusSeconds(60));
            cluster.clickHouse().process().orElseThrow().kill();
            Thread.sleep(60_000);
            awaitTrue("ClickHouse answers a query again", () -> {
                try {
                    return new ClickHouseQueries(cluster.clickHouseTarget()).count("SELECT 1") == 1;
                } catch (Exception e) {
                    return false;
                }
            });
        });
    }

    @Test
    @Order(0)
    void theClusterRunsTheServersFlinkSettingsApartFromAddressesAndMemory() {
        FlinkCluster flink = cluster.flink();
        java.util.Map<String, String> configuration = flink.settings().configuration();
        flink.settings().composeProperties().forEach((key, value) -> {
            if (!flink.settings().overrides().containsKey(key)) {
                assertThat(configuration).as("docker-compose.yml's " + key).containsEntry(key, value);
            }
        });
        assertThat(flink.settings().overrides().keySet())
                .as("what the cluster sets otherwise: addresses, ports, the checkpoint folder and memory only")
                .allMatch(key -> key.contains("address")
                        || key.contains("host")
                        || key.endsWith(".port")
                        || key.contains("allow-origin")
                        || key.equals("execution.checkpointing.savepoint-dir")
                        || key.contains(".memory."));
    }

    @Test
    @Order(0)
    void prometheusScrapesEveryPartWithTheServersFileAndNoAlertIsRaisedInAHealthyCluster() throws Exception {
        ClusterPrometheus.Rendered config = cluster.prometheusConfig();
        assertThat(config.jobs())
                .as("the scrape jobs of deploy/prometheus/prometheus.yml the cluster runs")
                .containsExactly("prometheus", "gateway", "flink-jobmanager", "flink-taskmanager", "kafka");
        assertThat(config.leftOut())
                .as("ClickHouse 18.16 has no Prometheus endpoint; node-exporter and Alertmanager do not run here")
                .containsExactly("clickhouse", "node", "alertmanager");

        awaitTrue("every target Prometheus scrapes is up", () -> {
            JsonNode targets = prometheus("/api/v1/targets").path("activeTargets");
            return targets.size() == 1 + 2 + 1 + 2 + 3
                    && java.util.stream.StreamSupport.stream(targets.spliterator(), false)
                            .allMatch(target -> target.path("health").asText().equals("up"));
        });
        // Two evaluations of every rule after the first scrapes: time for any alert to become pending.
        Thread.sleep(Duration.ofSeconds(35).toMillis());
        List<String> rules = new java.util.ArrayList<>();
        prometheus("/api/v1/rules")
                .path("groups")
                .forEach(group -> group.path("rules")
                        .forEach(rule -> rules.add(rule.path("name").asText() + " "
                                + rule.path("health").asText() + " "
                                + rule.path("lastError").asText(""))));
        assertThat(rules)
                .as("the server's alerting rules, each evaluated without an error")
                .hasSizeGreaterThanOrEqualTo(20)
                .allMatch(rule -> rule.split(" ")[1].equals("ok"), "ok");
        List<String> raised = new java.util.ArrayList<>();
        prometheus("/api/v1/alerts")
                .path("alerts")
                .forEach(alert ->
                        raised.add(alert.path("labels").path("alertname").asText() + " "
                                + alert.path("state").asText()));
        assertThat(raised).as("alerts pending or firing in a healthy cluster").isEmpty();
    }

    @Test
    @Order(7)
    void everySeriesTheAlertsReadFromTheseRunningPartsExistsUnderItsName() throws Exception {
        // After the faults, so that the load has made every series the rules read. The gateways' refusal and
        // unavailability counters are made at their first event, and the other parts do not run here.
        Set<String> names = new java.util.TreeSet<>();
        prometheus("/api/v1/label/__name__/values").forEach(name -> names.add(name.asText()));
        java.util.regex.Matcher series = java.util.regex.Pattern.compile(
                        "\\b(flink_[A-Za-z_]+|kafka_[a-z_]+|noko_gateway_ready|noko_gateway_answers_seconds_count)\\b")
                .matcher(Files.readString(Path.of("../deploy/prometheus/alerts.yml")));
        Set<String> read = new java.util.TreeSet<>();
        while (series.find()) {
            read.add(series.group(1));
        }
        assertThat(read).as("series the alerts read").hasSizeGreaterThanOrEqualTo(9);
        assertThat(names)
                .as("series Prometheus has from the gateways, Flink and Kafka")
                .containsAll(read);
    }

    /**
     * How far behind the newest receipt of its Kafka partition each response arrived, over everything the faults
     * sent: the job's watermark trails each partition's newest receipt by the out-of-orderness bound (1 s by default,
     * 2 s before), so a response further behind than that is judged as late. The figures (RELIABILITY.md) are what the bound has to
     * cover on this topology, faults included.
     */
    @Test
    @Order(8)
    void howFarBehindItsPartitionEachResponseArrivesIsMeasuredOverAllTheFaults() throws Exception {
        List<Long> behind = new java.util.ArrayList<>();
        SurveyResponseCodec codec = new SurveyResponseCodec();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                java.util.Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        cluster.kafka().bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(LocalSettings.TOPIC).stream()
                    .map(partition -> new TopicPartition(LocalSettings.TOPIC, partition.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            java.util.Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            java.util.Map<Integer, Long> newest = new java.util.HashMap<>();
            Instant deadline = Instant.now().plus(BACK);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))
                    && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    long received = codec.decode(record.value()).getReceivedAt().toEpochMilli();
                    long newestSoFar = newest.merge(record.partition(), received, Math::max);
                    behind.add(newestSoFar - received);
                }
            }
        }
        java.util.Collections.sort(behind);
        long overOneSecond = behind.stream().filter(millis -> millis > 1000).count();
        long overBound = behind.stream().filter(millis -> millis > 2000).count();
        String figures = ("%,d responses read back from the responses topic: behind their partition's newest receipt"
                        + " p50 %d ms, p99 %d ms, p99.9 %d ms, max %,d ms; more than the 1 s bound behind: %d, more than"
                        + " 2 s: %d")
                .formatted(
                        behind.size(),
                        percentile(behind, 50),
                        percentile(behind, 99),
                        percentile(behind, 99.9),
                        behind.isEmpty() ? 0 : behind.get(behind.size() - 1),
                        overOneSecond,
                        overBound);
        System.out.println(figures);
        Files.writeString(FIGURES.resolveSibling("disorder.md"), figures + "\n");
        assertThat(behind).as("the faults' responses, read back").hasSizeGreaterThan(1000);
    }

    private static long percentile(List<Long> sorted, double percent) {
        return sorted.isEmpty()
                ? 0
                : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * percent / 100) - 1));
    }

    /** The {@code data} of a Prometheus API answer; unchecked, so that {@link #awaitTrue} can ask again. */
    private static JsonNode prometheus(String path) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(cluster.prometheusUri().resolve(path))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
            return new ObjectMapper().readTree(answer.body()).path("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Respondents send for a few seconds, then {@code fault} runs (and returns once the part is back), they send a
     * little longer, and everything they were answered 202 is checked in ClickHouse.
     */
    private static void underLoad(String name, String organizations, Fault fault) throws Exception {
        Set<String> accepted;
        Instant loadStarted = Instant.now();
        Instant faultAt;
        Instant overAt;
        List<RespondentLoad.Attempt> attempts;
        String outcomes;
        long unexpected;
        try (RespondentLoad load =
                RespondentLoad.start(cluster.publicUri(), organizations, RESPONDENTS, cluster.tls())) {
            load.awaitMoreAccepted(100, BACK);
            faultAt = Instant.now();
            fault.run();
            overAt = Instant.now();
            load.awaitMoreAccepted(100, BACK);
            accepted = load.stop(BACK);
            attempts = load.attempts();
            outcomes = load.outcomes() + ", unexpected " + load.unexpected();
            unexpected = load.unexpected().size();
        }

        ClickHouseQueries clickHouse = new ClickHouseQueries(cluster.clickHouseTarget());
        String where = " WHERE organization_id LIKE '" + organizations + "-%'";
        clickHouse.awaitCount(
                "SELECT count() FROM response_verdicts FINAL" + where, n -> n >= accepted.size(), PIPELINE);
        // Raw rows go in larger batches than verdicts (NOKO_SINK_FLUSH_INTERVAL): wait for them too.
        clickHouse.awaitCount(
                "SELECT count() FROM survey_responses FINAL" + where, n -> n >= accepted.size(), PIPELINE);
        Thread.sleep(SETTLE.toMillis());
        List<String> stored = clickHouse.strings("SELECT response_id FROM survey_responses FINAL" + where);
        // An undisturbed run's verdicts are the batch judgement in receipt order (the re-check's), which live
        // verdicts may only miss for a response that arrived after its check had moved past its receipt time.
        List<RecheckResult.Change> unlikeUndisturbed = new Recheck(cluster.clickHouseTarget(), CAMPAIGNS, 1)
                .judge(CAMPAIGNS.find(CAMPAIGN).orElseThrow()).changes().stream()
                        .filter(change -> change.rechecked().organizationId.startsWith(organizations + "-"))
                        .toList();
        FaultFigures figures = FaultFigures.of(
                name,
                attempts,
                loadStarted,
                faultAt,
                overAt,
                Duration.between(faultAt, overAt),
                unexpected,
                accepted,
                stored,
                unlikeUndisturbed.size(),
                unlikeUndisturbed.stream().filter(RecheckResult.Change::late).count());
        Files.writeString(FIGURES, figures.row() + "\n", StandardOpenOption.APPEND);
        System.out.println(figures.row() + " outcomes " + outcomes);

        assertThat(unexpected)
                .as(name + ": every answer 202 or 503, or none while a part was away; " + outcomes)
                .isZero();
        assertThat(stored)
                .as(name + ": every acknowledged response once")
                .hasSize(accepted.size())
                .doesNotHaveDuplicates();
        assertThat(Set.copyOf(stored)).as(name + ": and nothing else").isEqualTo(accepted);
        assertThat(clickHouse.strings("SELECT response_id FROM response_verdicts FINAL" + where))
                .as(name + ": one verdict each")
                .hasSize(accepted.size());
        assertThat(unlikeUndisturbed)
                .as(name + ": every verdict as an undisturbed run gives it, unless its response came late")
                .allMatch(RecheckResult.Change::late, "late");
        assertThat(cluster.failure()).as("the cluster goes on").isNotDone();
    }

    @FunctionalInterface
    private interface Fault {
        void run() throws Exception;
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(BACK);
        while (true) {
            boolean met;
            try {
                met = condition.getAsBoolean();
            } catch (RuntimeException e) {
                met = false; // a part asked while it is away
            }
            if (met) {
                return;
            }
            assertThat(Instant.now())
                    .as(what + " within " + BACK + "; the run said " + console)
                    .isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private static void signal(ProcessHandle process, String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
                .start()
                .waitFor();
    }

    private static Campaigns bundledCampaigns() {
        try {
            return Campaigns.load(Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
