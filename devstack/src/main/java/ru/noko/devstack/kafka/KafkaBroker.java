package ru.noko.devstack.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        KafkaNode node = node();
        String classpath = KafkaNode.classpath();
        if (!node.formatted()) {
            node.format(Uuid.randomUuid().toString(), classpath);
        }
        process = node.start("kafka-broker", classpath);
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
        return node().configFile();
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

    private KafkaNode node() {
        return new KafkaNode(directory, 1, "127.0.0.1", port, controllerPort, "1@127.0.0.1:" + controllerPort)
                .set("num.partitions", "1")
                .set("offsets.topic.replication.factor", "1")
                .set("offsets.topic.num.partitions", "4")
                .set("transaction.state.log.replication.factor", "1")
                .set("transaction.state.log.min.isr", "1")
                .set("group.initial.rebalance.delay.ms", "0")
                // Topics are created on purpose, so a typo in a topic name fails instead of writing into a new topic.
                .set("auto.create.topics.enable", "false");
    }
}
