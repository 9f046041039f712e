package ru.noko.devstack.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import ru.noko.devstack.process.ChildProcess;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), run from the Kafka jars on
 * Maven Central in a JVM of its own. Its data stays in {@code directory}, so a stopped broker starts again with its
 * topics and records, on the same port.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "kafka-broker.classpath";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path directory;
    private final int port;
    private final int controllerPort;
    private volatile ChildProcess process;

    public KafkaBroker(Path directory, int port, int controllerPort) {
        this.directory = directory.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** A broker on free ports. */
    public static KafkaBroker onFreePorts(Path directory) {
        return new KafkaBroker(directory, ChildProcess.freePort(), ChildProcess.freePort());
    }

    public synchronized KafkaBroker start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        Path config = writeConfig();
        String classpath = brokerClasspath();
        if (!Files.exists(directory.resolve("data").resolve("meta.properties"))) {
            ChildProcess.run(
                    "kafka-storage-format",
                    List.of(
                            ChildProcess.javaExecutable(),
                            "-cp",
                            classpath,
                            "kafka.tools.StorageTool",
                            "format",
                            "-t",
                            Uuid.randomUuid().toString(),
                            "-c",
                            config.toString()),
                    directory.resolve("format.log"),
                    Duration.ofSeconds(60));
        }
        process = ChildProcess.start(
                "kafka-broker",
                List.of(
                        ChildProcess.javaExecutable(),
                        "-Xms256m",
                        "-Xmx1g",
                        "-XX:+UseG1GC",
                        "-Dlog4j.configuration="
                                + directory.resolve("log4j.properties").toUri(),
                        "-cp",
                        classpath,
                        "kafka.Kafka",
                        config.toString()),
                directory.resolve("broker.log"));
        process.awaitReady(START_TIMEOUT, this::answers);
        return this;
    }

    /** Clean shutdown, as an operator would stop it. */
    public synchronized void stop() {
        if (process != null) {
            process.stop();
        }
    }

    /** The broker's process since the last start (it may have ended since), empty before the first start. */
    public Optional<ChildProcess> process() {
        return Optional.ofNullable(process);
    }

    /** The configuration file the broker is started with; its command line names it, so a leftover broker is found. */
    public Path configFile() {
        return directory.resolve("server.properties");
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public void createTopic(String name, int partitions) {
        createTopic(new NewTopic(name, partitions, (short) 1));
    }

    /** A topic that keeps the newest record of each key for good (cleanup.policy=compact), as the campaigns topic. */
    public void createCompactedTopic(String name, int partitions) {
        createTopic(new NewTopic(name, partitions, (short) 1).configs(java.util.Map.of("cleanup.policy", "compact")));
    }

    private void createTopic(NewTopic topic) {
        String name = topic.name();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + name, e.getCause());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name, e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private boolean answers() {
        // An admin client on a port nobody listens on yet warns at every reconnect: look at the port first.
        if (!ChildProcess.listening(port, 500)) {
            return false;
        }
        try (Admin admin = admin()) {
            return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    private Path writeConfig() {
        Properties config = new Properties();
        config.setProperty("process.roles", "broker,controller");
        config.setProperty("node.id", "1");
        config.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        config.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        config.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        config.setProperty("controller.listener.names", "CONTROLLER");
        config.setProperty("inter.broker.listener.name", "PLAINTEXT");
        config.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        config.setProperty("log.dirs", directory.resolve("data").toString());
        config.setProperty("num.partitions", "1");
        config.setProperty("offsets.topic.replication.factor", "1");
        config.setProperty("offsets.topic.num.partitions", "4");
        config.setProperty("transaction.state.log.replication.factor", "1");
        config.setProperty("transaction.state.log.min.isr", "1");
        config.setProperty("group.initial.rebalance.delay.ms", "0");
        // Topics are created on purpose, so a typo in a topic name fails instead of writing into a new topic.
        config.setProperty("auto.create.topics.enable", "false");
        try {
            Files.createDirectories(directory);
            Path file = configFile();
            try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                config.store(out, "written by noko devstack");
            }
            Files.writeString(
                    directory.resolve("log4j.properties"),
                    String.join(
                            "\n",
                            "log4j.rootLogger=WARN, stdout",
                            "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
                            "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
                            "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n",
                            "log4j.logger.kafka.server.KafkaServer=INFO",
                            "log4j.logger.kafka.server.BrokerServer=INFO",
                            ""));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Kafka config in " + directory, e);
        }
    }

    private static String brokerClasspath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "missing " + CLASSPATH_RESOURCE + ": build the devstack module with Maven");
            }
            String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            List<String> missing = new ArrayList<>();
            for (String entry : classpath.split(java.io.File.pathSeparator)) {
                if (!Files.exists(Path.of(entry))) {
                    missing.add(entry);
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("Kafka broker jars missing (run mvn install): " + missing);
            }
            return classpath;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CLASSPATH_RESOURCE, e);
        }
    }
}
