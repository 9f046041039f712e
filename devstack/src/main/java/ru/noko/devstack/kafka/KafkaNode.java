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
import java.util.Properties;
import ru.noko.devstack.process.ChildProcess;

/**
 * One KRaft node (broker and controller in one process) as {@link KafkaBroker} and {@link KafkaCluster} run it: its
 * {@code server.properties} and {@code log4j.properties} in its folder, its data in {@code data} below it, the storage
 * format that gives the data folder its cluster id, and the JVM that runs it from the Kafka jars on the class path.
 */
final class KafkaNode {

    private static final String CLASSPATH_RESOURCE = "kafka-broker.classpath";
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final Properties config = new Properties();

    /**
     * A node listening on {@code host}: clients and other brokers on {@code port} (PLAINTEXT), the controllers on
     * {@code controllerPort} (CONTROLLER).
     *
     * @param quorumVoters {@code controller.quorum.voters}, e.g. {@code 1@127.0.0.1:9093,2@127.0.0.1:9094}
     */
    KafkaNode(Path directory, int nodeId, String host, int port, int controllerPort, String quorumVoters) {
        this.directory = directory.toAbsolutePath();
        set("process.roles", "broker,controller");
        set("node.id", String.valueOf(nodeId));
        set("controller.quorum.voters", quorumVoters);
        set("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        set("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        set("controller.listener.names", "CONTROLLER");
        set("inter.broker.listener.name", "PLAINTEXT");
        set("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        set("log.dirs", dataDirectory().toString());
    }

    KafkaNode set(String key, String value) {
        config.setProperty(key, value);
        return this;
    }

    KafkaNode setAll(Map<String, String> settings) {
        settings.forEach(this::set);
        return this;
    }

    /** The configuration file the node is started with; its command line names it, so a leftover node is found. */
    Path configFile() {
        return directory.resolve("server.properties");
    }

    Path dataDirectory() {
        return directory.resolve("data");
    }

    /** Whether the data folder has been formatted (it holds a cluster id and this node's id). */
    boolean formatted() {
        return Files.exists(dataDirectory().resolve("meta.properties"));
    }

    /** Writes {@code server.properties} and {@code log4j.properties}; returns the former. */
    Path writeFiles() {
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

    /** {@code kafka-storage format}: the data folder gets {@code clusterId}. Writes the files first. */
    void format(String clusterId, String classpath) {
        Path config = writeFiles();
        ChildProcess.run(
                "kafka-storage-format",
                List.of(
                        ChildProcess.javaExecutable(),
                        "-cp",
                        classpath,
                        "kafka.tools.StorageTool",
                        "format",
                        "-t",
                        clusterId,
                        "-c",
                        config.toString()),
                directory.resolve("format.log"),
                FORMAT_TIMEOUT);
    }

    /** Starts the node's JVM (the files written again), its output appended to {@code broker.log}; does not wait. */
    ChildProcess start(String name, String classpath) {
        return start(name, classpath, List.of());
    }

    /** As {@link #start(String, String)}, with more options for the JVM (system properties). */
    ChildProcess start(String name, String classpath, List<String> jvmOptions) {
        Path config = writeFiles();
        List<String> command =
                new ArrayList<>(List.of(ChildProcess.javaExecutable(), "-Xms256m", "-Xmx1g", "-XX:+UseG1GC"));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-Dlog4j.configuration=" + directory.resolve("log4j.properties").toUri(),
                "-cp",
                classpath,
                "kafka.Kafka",
                config.toString()));
        return ChildProcess.start(name, command, directory.resolve("broker.log"));
    }

    /** The Kafka jars the build wrote to {@code kafka-broker.classpath}, each checked to exist. */
    static String classpath() {
        try (InputStream in = KafkaNode.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
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
