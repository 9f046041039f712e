package ru.noko.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.apache.flink.api.common.JobID;
import ru.noko.devstack.clickhouse.ClickHouseServer;
import ru.noko.devstack.kafka.KafkaCluster;
import ru.noko.devstack.mail.LocalOutbox;
import ru.noko.devstack.nginx.SelfSignedCertificate;
import ru.noko.devstack.nginx.ShippedProxy;
import ru.noko.devstack.postgres.PostgresServer;
import ru.noko.devstack.process.ChildProcess;
import ru.noko.local.cluster.ClusterPrometheus;
import ru.noko.local.cluster.ComposeFlinkProperties;
import ru.noko.local.cluster.FlinkCluster;
import ru.noko.local.cluster.FlinkJobClient;
import ru.noko.pipeline.job.ResponseIngestJob;
import ru.noko.schemas.clickhouse.ClickHouseMigrator;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/**
 * The server deployment's topology as processes on this machine (./noko run --cluster): three KRaft Kafka brokers,
 * Flink as a standalone cluster (a job manager and two task managers, each its own JVM, the job jar submitted through
 * the REST API), two gateways behind Debian's nginx running deploy/nginx/nginx.conf with a certificate of its own,
 * ClickHouse, Prometheus with the server's deploy/prometheus files ({@link ClusterPrometheus}), and optionally
 * PostgreSQL with the portal. Flink's settings are docker-compose.yml's, nginx's its file
 * ({@link ShippedProxy}), the brokers' the three-node variant's ({@link KafkaCluster}): only addresses and memory
 * sizes differ. A {@link ServiceWatch} brings back what dies, as in the local run: a job manager that comes back gets
 * the job again from its newest completed snapshot, as pipeline/docker/start-job.sh does on a server.
 *
 * <p>Why one class of this size: it is the cluster's start order and its stop in reverse, one service after another as
 * the compose file lists them; each service's own logic lives elsewhere ({@link FlinkCluster}, {@link KafkaCluster},
 * {@link ShippedProxy}, {@link ClusterPrometheus}).
 */
public final class ClusterSystem implements AutoCloseable {

    /**
     * Where a cluster's files go, its ports, and what it runs.
     *
     * @param deploy the repository's deploy/ folder, whose nginx, Prometheus and Kafka metrics files the cluster runs
     * @param kafkaMetricsAgent the Prometheus JMX exporter's agent jar the brokers run (the server's broker image's)
     */
    public record Settings(
            Path home,
            Path gatewayJar,
            Path portalJar,
            Path jobJar,
            Path kafkaMetricsAgent,
            Path composeFile,
            Path deploy,
            boolean withPortal,
            int https) {

        Path nginxFile() {
            return deploy.resolve("nginx/nginx.conf");
        }

        Path prometheusFile() {
            return deploy.resolve("prometheus/prometheus.yml");
        }

        Path kafkaMetricsRules() {
            return deploy.resolve("kafka/jmx-exporter.yml");
        }
    }

    private static final String LOOPBACK = "127.0.0.1";
    private static final int GATEWAYS = 2;
    private static final int TASK_MANAGERS = 2;
    private static final Duration JOB_START = Duration.ofMinutes(3);

    private final Settings settings;
    private final Consumer<String> console;
    private final String pseudonymKey;
    private final String clickHousePassword;
    private final ClickHouseServer clickHouse;
    private final KafkaCluster kafka;
    private final PostgresServer postgres;
    private final List<Integer> gatewayPorts = new ArrayList<>();
    private final List<ChildProcess> gateways = new ArrayList<>();
    private final int portalPort = ChildProcess.freePort();
    private final int prometheusPort = ChildProcess.freePort();
    private final CompletableFuture<String> failure = new CompletableFuture<>();
    private final Map<String, Instant> heldUntil = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile ChildProcess portal;
    private volatile ChildProcess nginx;
    private volatile ChildProcess prometheus;
    private ClusterPrometheus.Rendered prometheusConfig;
    private volatile JobID job;
    private FlinkCluster flink;
    private LocalOutbox outbox;
    private SelfSignedCertificate certificate;
    private ShippedProxy.Addresses proxy;
    private ServiceWatch watch;

    public ClusterSystem(Settings settings, Consumer<String> console) {
        this.settings = settings;
        this.console = console;
        this.pseudonymKey = secret("NOKO_PSEUDONYM_KEY", settings.home().resolve("pseudonym.key"));
        this.clickHousePassword =
                secret("NOKO_CLICKHOUSE_PASSWORD", settings.home().resolve("clickhouse.password"));
        this.clickHouse = new ClickHouseServer(
                settings.home().resolve("clickhouse"),
                ChildProcess.freePort(),
                ChildProcess.freePort(),
                clickHousePassword);
        this.kafka = KafkaCluster.onFreePorts(settings.home().resolve("kafka"));
        kafka.exportingMetrics(settings.kafkaMetricsAgent(), settings.kafkaMetricsRules());
        this.postgres = settings.withPortal()
                ? PostgresServer.onFreePort(
                        settings.home().resolve("postgres"),
                        "noko",
                        "noko",
                        secret("NOKO_PORTAL_DB_PASSWORD", settings.home().resolve("postgres.password")))
                : null;
        for (int i = 0; i < GATEWAYS; i++) {
            gatewayPorts.add(ChildProcess.freePort());
        }
    }

    public ClusterSystem start() throws Exception {
        for (Path jar : List.of(settings.gatewayJar(), settings.jobJar())) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("no " + jar + ": build with mvn install first");
            }
        }
        DataFolder.keepPrivate(settings.home());
        clickHouse.start();
        say("ClickHouse started");
        kafka.start();
        kafka.createTopic(LocalSettings.TOPIC, LocalSettings.PARTITIONS);
        for (String topic : List.of(
                LocalSettings.SESSIONS_TOPIC,
                LocalSettings.SELF_ASSESSMENTS_TOPIC,
                LocalSettings.ORGANIZATIONS_TOPIC,
                LocalSettings.VERDICT_CORRECTIONS_TOPIC)) {
            kafka.createTopic(topic, 1);
        }
        kafka.createCompactedTopic(LocalSettings.CAMPAIGNS_TOPIC, 1);
        say("Kafka started: three brokers, " + kafka.bootstrapServers());
        new ClickHouseMigrator(clickHouseTarget()).migrate();
        flink = FlinkCluster.start(
                ComposeFlinkProperties.read(settings.composeFile()),
                settings.home().resolve("flink"),
                settings.home().resolve("checkpoints"),
                TASK_MANAGERS);
        job = flink.jobs()
                .submit(new FlinkJobClient.Submission(
                        settings.jobJar(), ResponseIngestJob.class.getName(), pipelineEnvironment(), parallelism()));
        flink.rest().awaitRunning(job, JOB_START);
        say("Flink started: a job manager and " + TASK_MANAGERS + " task managers, the job running (" + flink.restUrl()
                + ")");
        outbox = LocalOutbox.start(settings.home().resolve("outbox"), 0);
        for (int i = 0; i < GATEWAYS; i++) {
            startGateway(i);
        }
        if (postgres != null) {
            postgres.start();
            startPortal();
        }
        certificate = SelfSignedCertificate.make(settings.home().resolve("tls"));
        int unanswered = ChildProcess.freePort();
        proxy = new ShippedProxy.Addresses(
                gatewayPorts,
                ChildProcess.freePort(),
                settings.https() > 0 ? settings.https() : ChildProcess.freePort(),
                ChildProcess.freePort(),
                ChildProcess.freePort(),
                LOOPBACK + ":" + (postgres != null ? portalPort : unanswered),
                LOOPBACK + ":" + unanswered,
                certificate,
                settings.home().resolve("acme"),
                settings.home().resolve("results"));
        startProxy();
        say("nginx started in front of " + GATEWAYS + " gateways: " + publicUri());
        startPrometheus();
        say("Prometheus started with the server's rules, scraping " + String.join(", ", prometheusConfig.jobs()) + ": "
                + prometheusUri());
        watch = ServiceWatch.start(watched(), console);
        watch.failure().whenComplete((line, error) -> failure.complete(line));
        return this;
    }

    private List<Watched> watched() {
        List<Watched> services = new ArrayList<>();
        for (int node : KafkaCluster.NODES) {
            services.add(new WatchedService(
                    "Kafka broker " + node,
                    () -> kafka.process(node),
                    ServiceProbe.kafka(kafka.port(node)),
                    () -> kafka.start(node)));
        }
        services.add(new WatchedService(
                "ClickHouse",
                clickHouse::process,
                ServiceProbe.http(clickHouse.httpPort(), "/ping"),
                held("ClickHouse", clickHouse::start)));
        for (int i = 0; i < GATEWAYS; i++) {
            int instance = i;
            services.add(new WatchedService(
                    "gateway-" + (i + 1),
                    () -> Optional.ofNullable(gateways.get(instance)),
                    ServiceProbe.http(gatewayPorts.get(i), "/actuator/health/liveness"),
                    () -> startGateway(instance)));
        }
        services.add(new WatchedService(
                "Prometheus",
                () -> Optional.ofNullable(prometheus),
                ServiceProbe.http(prometheusPort, "/-/healthy"),
                this::startPrometheus));
        services.add(new WatchedService(
                "nginx",
                () -> Optional.ofNullable(nginx),
                ServiceProbe.http(proxy.http(), "/healthz"),
                this::startProxy));
        if (postgres != null) {
            services.add(new WatchedService(
                    "PostgreSQL",
                    postgres::process,
                    ServiceProbe.postgres(postgres.port(), postgres.jdbcUrl(), postgres::user, postgres::password),
                    postgres::start));
            services.add(new WatchedService(
                    "the portal",
                    () -> Optional.ofNullable(portal),
                    ServiceProbe.http(portalPort, "/portal.css"),
                    this::startPortal));
        }
        for (String taskManager : flink.taskManagerNames()) {
            services.add(new WatchedService(
                    "Flink " + taskManager,
                    () -> Optional.of(flink.process(taskManager)),
                    ServiceProbe.http(flink.metricsPort(taskManager), "/"),
                    () -> flink.restart(taskManager)));
        }
        services.add(new WatchedService(
                "the Flink job manager",
                () -> Optional.of(flink.process(FlinkCluster.JOB_MANAGER)),
                ServiceProbe.http(flink.restUrl().getPort(), "/overview"),
                this::restartJobManager));
        return services;
    }

    /**
     * Keeps the watch from bringing a service back before {@code until}: a fault that lasts (ClickHouse down for a
     * minute), which the watch would otherwise end within seconds. The watch waits meanwhile.
     */
    public void holdDown(String service, Instant until) {
        heldUntil.put(service, until);
    }

    private Runnable held(String service, Runnable start) {
        return () -> {
            Instant until = heldUntil.remove(service);
            if (until != null && until.isAfter(Instant.now())) {
                try {
                    Thread.sleep(Duration.between(Instant.now(), until).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            start.run();
        };
    }

    /** Without high availability a job manager comes back knowing no job: it gets it from the newest snapshot. */
    private void restartJobManager() {
        flink.restart(FlinkCluster.JOB_MANAGER);
        job = flink.jobs().resubmitFromLatestCheckpoint();
        flink.rest().awaitRunning(job, JOB_START);
    }

    private void startGateway(int instance) {
        ChildProcess gateway = GatewayProcess.start(
                settings.gatewayJar(),
                settings.home().resolve("gateway-" + (instance + 1)),
                gatewayPorts.get(instance),
                gatewayEnvironment());
        synchronized (gateways) {
            if (gateways.size() > instance) {
                gateways.set(instance, gateway);
            } else {
                gateways.add(gateway);
            }
        }
    }

    private void startPortal() {
        portal = PortalProcess.start(
                settings.portalJar(), settings.home().resolve("portal"), portalPort, portalEnvironment());
    }

    private void startProxy() {
        try {
            String config = ShippedProxy.onLoopback(Files.readString(settings.nginxFile()), proxy);
            nginx = ShippedProxy.start(settings.home().resolve("nginx"), config, proxy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + settings.nginxFile(), e);
        }
    }

    /**
     * Prometheus with the server's file, each job scraping the processes that stand for its containers. ClickHouse
     * 18.16 has no Prometheus endpoint (the server's 25.8 has), and node-exporter and Alertmanager do not run here:
     * those jobs are left out.
     */
    private void startPrometheus() {
        try {
            Map<String, List<String>> targets = new LinkedHashMap<>();
            targets.put("prometheus", List.of(ClusterPrometheus.target(prometheusPort)));
            targets.put(
                    "gateway",
                    gatewayPorts.stream().map(ClusterPrometheus::target).toList());
            targets.put(
                    "flink-jobmanager", List.of(ClusterPrometheus.target(flink.metricsPort(FlinkCluster.JOB_MANAGER))));
            targets.put(
                    "flink-taskmanager",
                    flink.taskManagerNames().stream()
                            .map(name -> ClusterPrometheus.target(flink.metricsPort(name)))
                            .toList());
            targets.put(
                    "kafka",
                    KafkaCluster.NODES.stream()
                            .map(node -> ClusterPrometheus.target(
                                    kafka.metricsPort(node).orElseThrow()))
                            .toList());
            prometheusConfig = ClusterPrometheus.onLoopback(Files.readString(settings.prometheusFile()), targets);
            prometheus = ClusterPrometheus.start(
                    settings.home().resolve("prometheus"), settings.prometheusFile(), prometheusConfig, prometheusPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + settings.prometheusFile(), e);
        }
    }

    /** The job's parallelism as the server runs it (FLINK_PARALLELISM's default in docker-compose.yml). */
    private int parallelism() {
        return Integer.parseInt(flink.settings().composeProperties().getOrDefault("parallelism.default", "2"));
    }

    private Map<String, String> pipelineEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("NOKO_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        environment.put("NOKO_RESPONSES_TOPIC", LocalSettings.TOPIC);
        environment.put("NOKO_SESSIONS_TOPIC", LocalSettings.SESSIONS_TOPIC);
        environment.put("NOKO_SELF_ASSESSMENTS_TOPIC", LocalSettings.SELF_ASSESSMENTS_TOPIC);
        environment.put("NOKO_ORGANIZATIONS_TOPIC", LocalSettings.ORGANIZATIONS_TOPIC);
        environment.put("NOKO_VERDICT_CORRECTIONS_TOPIC", LocalSettings.VERDICT_CORRECTIONS_TOPIC);
        environment.put("NOKO_CAMPAIGNS_TOPIC", LocalSettings.CAMPAIGNS_TOPIC);
        environment.put("NOKO_CLICKHOUSE_HOST", LOOPBACK);
        environment.put("NOKO_CLICKHOUSE_PORT", String.valueOf(clickHouse.tcpPort()));
        environment.put("NOKO_CLICKHOUSE_DATABASE", LocalSettings.DATABASE);
        environment.put("NOKO_CLICKHOUSE_USER", "default");
        environment.put("NOKO_CLICKHOUSE_PASSWORD", clickHousePassword);
        environment.put("NOKO_CHECKPOINT_DIR", flink.checkpointFolder().toUri().toString());
        environment.put("NOKO_PSEUDONYM_KEY", pseudonymKey);
        return environment;
    }

    private Map<String, String> gatewayEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("NOKO_GATEWAY_ADDRESS", LOOPBACK);
        environment.put("NOKO_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        environment.put("NOKO_RESPONSES_TOPIC", LocalSettings.TOPIC);
        environment.put("NOKO_SESSIONS_TOPIC", LocalSettings.SESSIONS_TOPIC);
        environment.put("NOKO_ORGANIZATIONS_TOPIC", LocalSettings.ORGANIZATIONS_TOPIC);
        environment.put("NOKO_CAMPAIGNS_TOPIC", LocalSettings.CAMPAIGNS_TOPIC);
        environment.put("NOKO_PSEUDONYM_KEY", pseudonymKey);
        // Behind nginx, as on the server: the client's address from X-Forwarded-For, the page's origin the proxy's.
        environment.put("NOKO_FORWARD_HEADERS", "native");
        environment.put("NOKO_SMTP_HOST", LOOPBACK);
        environment.put("NOKO_SMTP_PORT", String.valueOf(outbox.port()));
        environment.put("NOKO_PUBLIC_URL", publicUri().toString());
        return environment;
    }

    private Map<String, String> portalEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("NOKO_PORTAL_DB_URL", postgres.jdbcUrl());
        environment.put("NOKO_PORTAL_DB_USER", postgres.user());
        environment.put("NOKO_PORTAL_DB_PASSWORD", postgres.password());
        environment.put("NOKO_PORTAL_OPERATOR_LOGIN", "operator");
        environment.put(
                "NOKO_PORTAL_OPERATOR_PASSWORD",
                secret("NOKO_PORTAL_OPERATOR_PASSWORD", settings.home().resolve("operator.password")));
        environment.put("NOKO_PORTAL_SECURE_COOKIES", "true");
        environment.put("NOKO_FORWARD_HEADERS", "native");
        environment.put("NOKO_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        environment.put("NOKO_ORGANIZATIONS_TOPIC", LocalSettings.ORGANIZATIONS_TOPIC);
        environment.put("NOKO_CAMPAIGNS_TOPIC", LocalSettings.CAMPAIGNS_TOPIC);
        environment.put("NOKO_SELF_ASSESSMENTS_TOPIC", LocalSettings.SELF_ASSESSMENTS_TOPIC);
        environment.put("NOKO_SESSIONS_TOPIC", LocalSettings.SESSIONS_TOPIC);
        environment.put(
                "NOKO_PORTAL_FILES_DIR", settings.home().resolve("portal/files").toString());
        ClickHouseTarget target = clickHouseTarget();
        environment.put("NOKO_CLICKHOUSE_HOST", target.host());
        environment.put("NOKO_CLICKHOUSE_PORT", String.valueOf(target.port()));
        environment.put("NOKO_CLICKHOUSE_DATABASE", target.database());
        environment.put("NOKO_CLICKHOUSE_USER", target.user());
        environment.put("NOKO_CLICKHOUSE_PASSWORD", target.password());
        environment.put("NOKO_PUBLIC_URL", publicUri().toString());
        environment.put("NOKO_PORTAL_URL", "https://" + LOOPBACK + ":" + proxyPortalPort());
        environment.put("NOKO_RESULTS_DIR", settings.home().resolve("results").toString());
        environment.put("NOKO_RESULTS_URL", publicUri() + "/results");
        environment.put("NOKO_EXPORTS_DIR", settings.home().resolve("exports").toString());
        return environment;
    }

    private int proxyPortalPort() {
        return proxy == null ? 0 : proxy.portalHttps();
    }

    /** The survey's public address: nginx's HTTPS port. */
    public URI publicUri() {
        int port = proxy != null ? proxy.https() : settings.https();
        return URI.create("https://" + LOOPBACK + ":" + port);
    }

    /** Prometheus's address, on loopback: its API, its targets and its alerts. */
    public URI prometheusUri() {
        return ClusterPrometheus.address(prometheusPort);
    }

    /** The scrape jobs of deploy/prometheus/prometheus.yml the cluster runs, and those it leaves out. */
    public ClusterPrometheus.Rendered prometheusConfig() {
        return prometheusConfig;
    }

    /** The portal's address behind nginx, when the cluster runs it. */
    public Optional<URI> portalUri() {
        return postgres == null
                ? Optional.empty()
                : Optional.of(URI.create("https://" + LOOPBACK + ":" + proxyPortalPort()));
    }

    /** TLS that trusts the cluster's own certificate, for clients of {@link #publicUri()}. */
    public SSLContext tls() {
        return certificate.trustingIt();
    }

    public ClickHouseTarget clickHouseTarget() {
        return new ClickHouseTarget(
                LOOPBACK, clickHouse.tcpPort(), LocalSettings.DATABASE, "default", clickHousePassword);
    }

    public ClickHouseServer clickHouse() {
        return clickHouse;
    }

    public KafkaCluster kafka() {
        return kafka;
    }

    public FlinkCluster flink() {
        return flink;
    }

    /** The job as it runs now (another id after a job manager came back). */
    public JobID job() {
        return job;
    }

    /** A gateway's current process (another one after the watch restarted it), 0 or 1. */
    public ChildProcess gateway(int instance) {
        return gateways.get(instance);
    }

    public ChildProcess nginx() {
        return nginx;
    }

    /** Completes with the line the watch said when a service died and could not be brought back. */
    public CompletableFuture<String> failure() {
        return failure;
    }

    private void say(String line) {
        console.accept("noko: " + line);
    }

    private static String secret(String variable, Path file) {
        try {
            Files.createDirectories(file.getParent());
            return LocalSecrets.secret(variable, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a secret in " + file, e);
        }
    }

    @Override
    public void close() {
        // First, so that nothing stopped on purpose is taken for dead and started again.
        if (watch != null) {
            watch.close();
        }
        if (prometheus != null) {
            prometheus.stop();
        }
        if (nginx != null) {
            nginx.stop();
        }
        if (portal != null) {
            portal.stop();
        }
        gateways.forEach(ChildProcess::stop);
        if (flink != null) {
            flink.close();
        }
        if (outbox != null) {
            outbox.close();
        }
        if (postgres != null) {
            postgres.stop();
        }
        kafka.close();
        clickHouse.stop();
    }
}
