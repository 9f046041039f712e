package ru.noko.local.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration every process of a {@link FlinkCluster} reads: Flink's distribution defaults, the server's compose
 * block ({@code x-flink-properties}) and only the {@linkplain #overrides() overrides} one machine needs (loopback
 * addresses and ports, folders, memory sizes), written as the distribution's {@code conf/config.yaml} and
 * {@code conf/log4j.properties}.
 */
public final class FlinkConfiguration {

    /**
     * The memory of the compose file (1600m job manager, 14600m task managers with a 12g task heap) does not fit this
     * machine three times over: these sizes replace it, and are all that changes of the job's resources.
     */
    public static final Map<String, String> MEMORY_OVERRIDES = Map.of(
            "jobmanager.memory.process.size", "768m",
            "taskmanager.memory.process.size", "2g",
            // Of 2g: 256m metaspace, 205m JVM overhead, 128m framework heap, 128m framework off-heap, managed 0 (as
            // in the compose file), the network the remaining 307m. With a 256m task heap the job ran out of heap.
            "taskmanager.memory.task.heap.size", "1g");

    /**
     * The image's defaults under FLINK_PROPERTIES: Flink 2.0's conf/config.yaml, of which only the Java 17 options
     * (env.java.opts.all) and the failover strategy are not the options' own defaults. Overridden by the compose
     * block where it sets the same key.
     */
    public static final Map<String, String> DISTRIBUTION_DEFAULTS = Map.of(
            "env.java.opts.all",
            String.join(
                    " ",
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED"),
            "jobmanager.execution.failover-strategy",
            "region");

    /**
     * docker-compose.yml's FLINK_ENV_JAVA_OPTS_TM is {@code -XX:+UseParallelGC -Xmn6g}: the collector is kept, the
     * young generation sized for a 12g heap is not.
     */
    public static final String TASK_MANAGER_JAVA_OPTS = "-XX:+UseParallelGC";

    private final Map<String, String> composeProperties;
    private final Map<String, String> overrides;
    private final Map<String, String> configuration;

    FlinkConfiguration(Map<String, String> composeProperties, int restPort, int rpcPort, Path checkpoints) {
        this.composeProperties = Map.copyOf(composeProperties);
        Map<String, String> overrides = new LinkedHashMap<>();
        // Addresses: one machine's loopback instead of the containers' names.
        overrides.put("jobmanager.rpc.address", "127.0.0.1");
        overrides.put("jobmanager.rpc.port", String.valueOf(rpcPort));
        overrides.put("jobmanager.bind-host", "127.0.0.1");
        overrides.put("taskmanager.host", "127.0.0.1");
        overrides.put("taskmanager.bind-host", "127.0.0.1");
        overrides.put("rest.address", "127.0.0.1");
        overrides.put("rest.bind-address", "127.0.0.1");
        overrides.put("rest.port", String.valueOf(restPort));
        overrides.put("web.access-control-allow-origin", "http://127.0.0.1:" + restPort);
        // The checkpoint volume is this folder.
        overrides.put(
                "execution.checkpointing.savepoint-dir",
                checkpoints.resolve("savepoints").toUri().toString());
        overrides.putAll(MEMORY_OVERRIDES);
        this.overrides = Map.copyOf(overrides);
        Map<String, String> configuration = new LinkedHashMap<>(DISTRIBUTION_DEFAULTS);
        configuration.putAll(composeProperties);
        configuration.putAll(overrides);
        this.configuration = Map.copyOf(configuration);
    }

    /** The compose block's settings that this cluster sets otherwise, and the settings it adds. */
    public Map<String, String> overrides() {
        return overrides;
    }

    /** Everything in the cluster's config.yaml: the distribution's defaults, the compose block, the overrides. */
    public Map<String, String> configuration() {
        return configuration;
    }

    /** The compose block as it was given. */
    public Map<String, String> composeProperties() {
        return composeProperties;
    }

    String get(String key) {
        return configuration.get(key);
    }

    /** conf/config.yaml and conf/log4j.properties in {@code confDir}, as the distribution's conf/ holds them. */
    void write(Path confDir) {
        StringBuilder yaml = new StringBuilder(
                "# Written by FlinkCluster: Flink's defaults, docker-compose.yml's x-flink-properties, the overrides.\n");
        configuration.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> yaml.append(entry.getKey())
                        .append(": '")
                        .append(entry.getValue().replace("'", "''"))
                        .append("'\n"));
        String log4j = String.join(
                "\n",
                "# As Flink's conf/log4j.properties: everything into the file the process is given (-Dlog.file).",
                "monitorInterval = 0",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = MainAppender",
                "logger.kafka.name = org.apache.kafka",
                "logger.kafka.level = WARN",
                "logger.pekko.name = org.apache.pekko",
                "logger.pekko.level = INFO",
                "appender.main.name = MainAppender",
                "appender.main.type = File",
                "appender.main.append = true",
                "appender.main.fileName = ${sys:log.file}",
                "appender.main.layout.type = PatternLayout",
                "appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
                "");
        try {
            Files.createDirectories(confDir);
            Files.writeString(confDir.resolve("config.yaml"), yaml, StandardCharsets.UTF_8);
            Files.writeString(confDir.resolve("log4j.properties"), log4j, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Flink configuration in " + confDir, e);
        }
    }
}
