package ru.noko.local;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.noko.devstack.clickhouse.ClickHouseServer;
import ru.noko.devstack.kafka.KafkaBroker;
import ru.noko.devstack.mail.LocalOutbox;
import ru.noko.devstack.postgres.PostgresServer;
import ru.noko.devstack.process.ChildProcess;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.pipeline.campaign.CampaignBook;
import ru.noko.pipeline.clickhouse.CampaignCatalog;
import ru.noko.pipeline.job.PipelineConfig;
import ru.noko.pipeline.job.ResponseIngestJob;
import ru.noko.schemas.clickhouse.ClickHouseMigrator;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/**
 * The whole system on one machine: ClickHouse, a KRaft Kafka broker and PostgreSQL as child processes with their data
 * under {@link LocalSettings#home()}, the Flink job on an embedded MiniCluster in this JVM, a mail server that keeps
 * the gateway's letters in a folder ({@link LocalOutbox}), and the gateway and the portal (personal accounts) from
 * their executable jars in child JVMs.
 * Servers an earlier run left on the same folder are stopped first, and taken ports refused ({@link LeftoverServers},
 * {@link PortsInUse}). Once started, a {@link ServiceWatch} brings back a service that dies. Stopped in the reverse
 * order.
 *
 * <p>Why one class of this size: it is the run's start order and its stop in reverse, one service after another; each
 * service's own logic lives in devstack and in the process classes beside this one.
 */
public final class LocalSystem implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalSystem.class);
    static final int FLINK_PARALLELISM = 2;
    private static final String LOOPBACK = "127.0.0.1";
    private static final String POSTGRES_DATABASE = "noko";
    private static final String POSTGRES_USER = "noko";

    private final LocalSettings settings;
    private final Consumer<String> console;
    private final ClickHouseServer clickHouse;
    private final String clickHousePassword;
    private final KafkaBroker kafka;
    private final PostgresServer postgres;
    private final CompletableFuture<String> failure = new CompletableFuture<>();
    private JobClient job;
    private volatile ChildProcess gateway;
    private volatile ChildProcess portal;
    private LocalOutbox outbox;
    private ServiceWatch watch;

    /** A system whose console lines (a service that died, and came back) go to standard output. */
    public LocalSystem(LocalSettings settings) {
        this(settings, System.out::println);
    }

    /** @param console takes the run's plain {@code noko: ...} lines, one at a time */
    public LocalSystem(LocalSettings settings, Consumer<String> console) {
        this.settings = settings;
        this.console = console;
        this.clickHousePassword = secret("NOKO_CLICKHOUSE_PASSWORD", clickHousePasswordFile());
        this.clickHouse = new ClickHouseServer(
                settings.home().resolve("clickhouse"),
                settings.clickHouseTcpPort(),
                settings.clickHouseHttpPort(),
                clickHousePassword);
        this.kafka =
                new KafkaBroker(settings.home().resolve("kafka"), settings.kafkaPort(), settings.kafkaControllerPort());
        this.postgres = new PostgresServer(
                settings.home().resolve("postgres"),
                settings.postgresPort(),
                POSTGRES_DATABASE,
                POSTGRES_USER,
                secret("NOKO_PORTAL_DB_PASSWORD", settings.home().resolve("postgres.password")));
    }

    public LocalSystem start() throws Exception {
        if (!Files.isRegularFile(settings.gatewayJar())) {
            throw new IllegalStateException(
                    "no gateway jar at " + settings.gatewayJar() + ": build with mvn install first");
        }
        if (!Files.isRegularFile(settings.portalJar())) {
            throw new IllegalStateException(
                    "no portal jar at " + settings.portalJar() + ": build with mvn install first");
        }
        LeftoverServers.stop(
                LeftoverServers.of(settings, clickHouse.configFile(), kafka.configFile(), postgres.data()), console);
        PortsInUse.refuse(settings);
        DataFolder.keepPrivate(settings.home());
        ClickHouseClientConfig.write(clickHouseClientConfig(), clickHouseTarget());
        clickHouse.start();
        kafka.start();
        kafka.createTopic(settings.topic(), settings.partitions());
        kafka.createTopic(LocalSettings.SESSIONS_TOPIC, 1);
        kafka.createTopic(LocalSettings.SELF_ASSESSMENTS_TOPIC, 1);
        kafka.createTopic(LocalSettings.ORGANIZATIONS_TOPIC, 1);
        kafka.createTopic(LocalSettings.VERDICT_CORRECTIONS_TOPIC, 1);
        kafka.createCompactedTopic(LocalSettings.CAMPAIGNS_TOPIC, 1);
        postgres.start();
        PipelineConfig pipeline = pipelineConfig();
        new ClickHouseMigrator(pipeline.clickHouse()).migrate();
        CampaignBook campaigns = ResponseIngestJob.campaignBook(pipeline);
        CampaignCatalog.write(pipeline.clickHouse(), campaigns.initial(), System.currentTimeMillis());
        Configuration flink = ResponseIngestJob.flinkConfiguration(pipeline);
        onLoopbackOnly(flink, settings.flinkPort());
        restartSoon(flink);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(FLINK_PARALLELISM, flink);
        ResponseIngestJob.defineWorkflow(env, pipeline, campaigns);
        job = env.executeAsync(ResponseIngestJob.NAME);
        outbox = LocalOutbox.start(outboxFolder(), 0);
        startGateway();
        startPortal();
        watch = ServiceWatch.start(
                List.of(
                        new WatchedService(
                                "Kafka", kafka::process, ServiceProbe.kafka(settings.kafkaPort()), kafka::start),
                        new WatchedService(
                                "PostgreSQL",
                                postgres::process,
                                ServiceProbe.postgres(
                                        settings.postgresPort(),
                                        postgres.jdbcUrl(),
                                        postgres::user,
                                        postgres::password),
                                postgres::start),
                        new WatchedService(
                                "ClickHouse",
                                clickHouse::process,
                                ServiceProbe.http(settings.clickHouseHttpPort(), "/ping"),
                                clickHouse::start),
                        new WatchedService(
                                "the gateway",
                                () -> Optional.ofNullable(gateway),
                                ServiceProbe.http(settings.gatewayPort(), "/actuator/health/liveness"),
                                this::startGateway),
                        // A static file: the portal's health includes PostgreSQL and would wait for it, and a
                        // frozen database must not get the portal restarted too.
                        new WatchedService(
                                "the portal",
                                () -> Optional.ofNullable(portal),
                                ServiceProbe.http(settings.portalPort(), "/portal.css"),
                                this::startPortal),
                        new WatchedJob(job, runLog())),
                console);
        watch.failure().whenComplete((line, error) -> failure.complete(line));
        return this;
    }

    /**
     * Flink's web UI and every port of the MiniCluster on loopback, and the UI only to look: with submission on, the
     * UI took a jar and ran it (as the run's user) from {@code GET /jars/<id>/plan}, and with its default of
     * {@code Access-Control-Allow-Origin: *} any web page the operator opened could read it. Nothing here needs the UI
     * to submit or cancel: the run submits and cancels through its own client.
     */
    static void onLoopbackOnly(Configuration flink, int webPort) {
        flink.set(RestOptions.BIND_ADDRESS, LOOPBACK);
        flink.set(RestOptions.ADDRESS, LOOPBACK);
        flink.set(RestOptions.PORT, webPort);
        flink.set(WebOptions.SUBMIT_ENABLE, false);
        flink.set(WebOptions.CANCEL_ENABLE, false);
        flink.set(WebOptions.RESCALE_ENABLE, false);
        flink.set(WebOptions.ACCESS_CONTROL_ALLOW_ORIGIN, "http://" + LOOPBACK + ":" + webPort);
        flink.set(JobManagerOptions.ADDRESS, LOOPBACK);
        flink.set(JobManagerOptions.BIND_HOST, LOOPBACK);
        flink.set(TaskManagerOptions.HOST, LOOPBACK);
        flink.set(TaskManagerOptions.BIND_HOST, LOOPBACK);
    }

    /**
     * Flink restarts a failed job by itself, with a delay that grows from restart to restart (its default for a job
     * with checkpoints); here a service that failed is back within seconds, so the delay stays short, and starts
     * short again once the job has run a minute.
     */
    private static void restartSoon(Configuration flink) {
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofSeconds(5));
        flink.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD,
                Duration.ofMinutes(1));
    }

    /**
     * Completes with the line the run said when a service died and could not be brought back (the run should then
     * stop); never completes otherwise.
     */
    public CompletableFuture<String> failure() {
        return failure;
    }

    /** Where Flink, Kafka's clients and the other libraries of this JVM log (log4j2.properties). */
    public Path runLog() {
        return settings.home().resolve("run.log");
    }

    /** The campaigns the job knows: the bundled ones and NOKO_CAMPAIGNS_DIR's. */
    public Campaigns campaigns() throws java.io.IOException {
        return Campaigns.load(pipelineConfig().campaignsFolder());
    }

    public ClickHouseTarget clickHouseTarget() {
        return new ClickHouseTarget(
                "127.0.0.1", settings.clickHouseTcpPort(), settings.database(), "default", clickHousePassword);
    }

    /**
     * The local ClickHouse's password for its {@code default} user: {@code NOKO_CLICKHOUSE_PASSWORD}, or made once and
     * kept here. Without one, any web page the machine's browser opened could post {@code CREATE TABLE} to the HTTP
     * port.
     */
    public Path clickHousePasswordFile() {
        return settings.home().resolve("clickhouse.password");
    }

    /** clickhouse-client's settings for this ClickHouse (port, database, user and password), for the README's queries. */
    public Path clickHouseClientConfig() {
        return settings.home().resolve("clickhouse-client.xml");
    }

    public URI flinkUri() {
        return URI.create("http://127.0.0.1:" + settings.flinkPort());
    }

    public URI gatewayUri() {
        return URI.create("http://127.0.0.1:" + settings.gatewayPort());
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The gateway's process, once started (another one after the run restarted it). */
    public ProcessHandle gatewayProcess() {
        return gateway.handle();
    }

    /** The Kafka broker's process, once started (another one after the run restarted it). */
    public ProcessHandle kafkaProcess() {
        return kafka.process().orElseThrow().handle();
    }

    /** The ClickHouse server's process, once started (another one after the run restarted it). */
    public ProcessHandle clickHouseProcess() {
        return clickHouse.process().orElseThrow().handle();
    }

    /** The portal's process, once started (another one after the run restarted it). */
    public ProcessHandle portalProcess() {
        return portal.handle();
    }

    /** PostgreSQL's process, once started (another one after the run restarted it). */
    public ProcessHandle postgresProcess() {
        return postgres.process().orElseThrow().handle();
    }

    public URI portalUri() {
        return URI.create("http://127.0.0.1:" + settings.portalPort());
    }

    /** The regional operator's login in the portal. */
    public String operatorLogin() {
        return "operator";
    }

    /**
     * The regional operator's first password for the portal ({@code NOKO_PORTAL_OPERATOR_PASSWORD}, or made once and
     * kept here): it makes the operator's account at the portal's first start; the operator may change it there.
     */
    public Path operatorPasswordFile() {
        return settings.home().resolve("operator.password");
    }

    private String operatorPassword() {
        return secret("NOKO_PORTAL_OPERATOR_PASSWORD", operatorPasswordFile());
    }

    /** The portal's database, for tests that look inside. */
    public PostgresServer postgres() {
        return postgres;
    }

    private static String secret(String variable, Path file) {
        try {
            return LocalSecrets.secret(variable, file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot keep a secret in " + file, e);
        }
    }

    /** Where the letters the gateway sends (e-mail confirmation codes) land instead of being delivered. */
    public Path outboxFolder() {
        return settings.home().resolve("outbox");
    }

    public LocalSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        // First, so that nothing the run stops on purpose is taken for dead and started again.
        if (watch != null) {
            watch.close();
        }
        if (portal != null) {
            portal.stop();
        }
        if (gateway != null) {
            gateway.stop();
        }
        if (job != null) {
            try {
                job.cancel().get();
            } catch (Exception e) {
                LOG.warn("Flink job did not cancel cleanly: {}", e.toString());
            }
        }
        if (outbox != null) {
            outbox.close();
        }
        postgres.stop();
        kafka.stop();
        clickHouse.stop();
    }

    private PipelineConfig pipelineConfig() {
        return PipelineConfig.fromEnvironment(
                System.getenv(),
                Map.ofEntries(
                        Map.entry("NOKO_KAFKA_BOOTSTRAP", kafka.bootstrapServers()),
                        Map.entry("NOKO_RESPONSES_TOPIC", settings.topic()),
                        Map.entry("NOKO_SESSIONS_TOPIC", LocalSettings.SESSIONS_TOPIC),
                        Map.entry("NOKO_SELF_ASSESSMENTS_TOPIC", LocalSettings.SELF_ASSESSMENTS_TOPIC),
                        Map.entry("NOKO_ORGANIZATIONS_TOPIC", LocalSettings.ORGANIZATIONS_TOPIC),
                        Map.entry("NOKO_VERDICT_CORRECTIONS_TOPIC", LocalSettings.VERDICT_CORRECTIONS_TOPIC),
                        Map.entry("NOKO_CAMPAIGNS_TOPIC", LocalSettings.CAMPAIGNS_TOPIC),
                        Map.entry("NOKO_CLICKHOUSE_HOST", "127.0.0.1"),
                        Map.entry("NOKO_CLICKHOUSE_PORT", String.valueOf(settings.clickHouseTcpPort())),
                        Map.entry("NOKO_CLICKHOUSE_DATABASE", settings.database()),
                        Map.entry("NOKO_CLICKHOUSE_USER", "default"),
                        Map.entry("NOKO_CLICKHOUSE_PASSWORD", clickHousePassword),
                        Map.entry(
                                "NOKO_CHECKPOINT_DIR",
                                settings.home().resolve("checkpoints").toUri().toString()),
                        Map.entry("NOKO_PSEUDONYM_KEY", settings.pseudonymKey())));
    }

    /**
     * One more gateway instance on the same Kafka, as a region runs several behind a load balancer; the caller stops
     * it. {@code name} names its folder under the home (its log).
     */
    public ChildProcess anotherGateway(String name, int port) {
        return GatewayProcess.start(settings.gatewayJar(), settings.home().resolve(name), port, gatewayEnvironment());
    }

    private void startGateway() {
        gateway = GatewayProcess.start(
                settings.gatewayJar(),
                settings.home().resolve("gateway"),
                settings.gatewayPort(),
                gatewayEnvironment());
    }

    private void startPortal() {
        portal = PortalProcess.start(
                settings.portalJar(), settings.home().resolve("portal"), settings.portalPort(), portalEnvironment());
    }

    private Map<String, String> portalEnvironment() {
        ClickHouseTarget clickHouse = clickHouseTarget();
        return Map.ofEntries(
                Map.entry("NOKO_PORTAL_DB_URL", postgres.jdbcUrl()),
                Map.entry("NOKO_PORTAL_DB_USER", postgres.user()),
                Map.entry("NOKO_PORTAL_DB_PASSWORD", postgres.password()),
                Map.entry("NOKO_PORTAL_OPERATOR_LOGIN", operatorLogin()),
                Map.entry("NOKO_PORTAL_OPERATOR_PASSWORD", operatorPassword()),
                // Plain HTTP on loopback: a Secure cookie would never come back.
                Map.entry("NOKO_PORTAL_SECURE_COOKIES", "false"),
                Map.entry("NOKO_KAFKA_BOOTSTRAP", kafka.bootstrapServers()),
                Map.entry("NOKO_ORGANIZATIONS_TOPIC", LocalSettings.ORGANIZATIONS_TOPIC),
                Map.entry("NOKO_CAMPAIGNS_TOPIC", LocalSettings.CAMPAIGNS_TOPIC),
                Map.entry("NOKO_SELF_ASSESSMENTS_TOPIC", LocalSettings.SELF_ASSESSMENTS_TOPIC),
                Map.entry("NOKO_SESSIONS_TOPIC", LocalSettings.SESSIONS_TOPIC),
                // Photos and orders in the run's folder, its owner's alone; a server keeps them in S3.
                Map.entry(
                        "NOKO_PORTAL_FILES_DIR",
                        settings.home().resolve("portal/files").toString()),
                Map.entry("NOKO_CLICKHOUSE_HOST", clickHouse.host()),
                Map.entry("NOKO_CLICKHOUSE_PORT", String.valueOf(clickHouse.port())),
                Map.entry("NOKO_CLICKHOUSE_DATABASE", clickHouse.database()),
                Map.entry("NOKO_CLICKHOUSE_USER", clickHouse.user()),
                Map.entry("NOKO_CLICKHOUSE_PASSWORD", clickHouse.password()),
                Map.entry("NOKO_PUBLIC_URL", gatewayUri().toString()),
                Map.entry("NOKO_PORTAL_URL", portalUri().toString()),
                // The public results: the portal writes them and hands them out under /results/ itself (on a server
                // nginx serves the folder); the export at a published cut-off joins the scheduled ones.
                Map.entry("NOKO_RESULTS_DIR", resultsFolder().toString()),
                Map.entry("NOKO_RESULTS_URL", resultsUri().toString()),
                Map.entry("NOKO_EXPORTS_DIR", settings.home().resolve("exports").toString()));
    }

    /** Where the published results are written. */
    public Path resultsFolder() {
        return settings.home().resolve("results");
    }

    /** Where the published results are read: the portal's /results/. */
    public URI resultsUri() {
        return URI.create(portalUri() + "/results");
    }

    private Map<String, String> gatewayEnvironment() {
        return Map.of(
                "NOKO_KAFKA_BOOTSTRAP",
                kafka.bootstrapServers(),
                "NOKO_RESPONSES_TOPIC",
                settings.topic(),
                "NOKO_SESSIONS_TOPIC",
                LocalSettings.SESSIONS_TOPIC,
                "NOKO_ORGANIZATIONS_TOPIC",
                LocalSettings.ORGANIZATIONS_TOPIC,
                "NOKO_PSEUDONYM_KEY",
                settings.pseudonymKey(),
                // Codes go over SMTP to the local outbox, which keeps them in a folder.
                "NOKO_SMTP_HOST",
                "127.0.0.1",
                "NOKO_SMTP_PORT",
                String.valueOf(outbox.port()),
                "NOKO_CAMPAIGNS_TOPIC",
                LocalSettings.CAMPAIGNS_TOPIC,
                // The address the posters print and the pages' forms must come from: this run's own.
                "NOKO_PUBLIC_URL",
                gatewayUri().toString());
    }
}
