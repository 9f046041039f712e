package ru.noko.devstack.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import ru.noko.devstack.process.ChildProcess;

/**
 * Three real Kafka KRaft nodes on this machine, as the server deployment's three-broker variant runs them on three:
 * node ids 1, 2 and 3, each broker and controller in one process, the controller quorum of all three, every node on
 * 127.0.0.1 with ports of its own and its data in {@code directory/node-N}. All three data folders carry one cluster
 * id (kept in {@code directory/cluster.id}), so a node killed or stopped starts again on its folder and its ports and
 * rejoins. The broker settings are the deployment's ({@link #DEPLOYMENT_SETTINGS}): replication 3, two in-sync
 * replicas at least, no unclean leader election, no topic created by a typo.
 *
 * <p>For fault tests: {@link #kill(int)} ends one node with SIGKILL, {@link #start(int)} brings it back,
 * {@link #leaders(String)} tells who leads each partition, {@link #inEveryIsr(int)} whether a node has caught up.
 *
 * <p>Why one class of this size: the nodes' processes, their shared cluster id and the metadata queries the fault tests
 * ask are one cluster's state (ports, folders, which node runs); split, each part would need all of it.
 */
public final class KafkaCluster implements AutoCloseable {

    /** The node ids, 1 to 3. */
    public static final List<Integer> NODES = List.of(1, 2, 3);

    /**
     * The settings the deployment's docker-compose.yml gives each broker of its three-node variant (the comment above
     * its {@code kafka} service, together with the settings of that service the variant keeps), by Kafka property
     * name; {@link #composeVariable(String)} names the compose file's environment variable for each. What tells the
     * nodes apart (node id, listeners, quorum voters, data folder) is set per node instead, on loopback ports.
     */
    public static final Map<String, String> DEPLOYMENT_SETTINGS = settings(
            "process.roles", "broker,controller",
            "controller.listener.names", "CONTROLLER",
            "inter.broker.listener.name", "PLAINTEXT",
            "offsets.topic.replication.factor", "3",
            "transaction.state.log.replication.factor", "3",
            "transaction.state.log.min.isr", "2",
            "min.insync.replicas", "2",
            "default.replication.factor", "3",
            "group.initial.rebalance.delay.ms", "0",
            // kafka-init creates the topics; a misspelt topic fails instead of appearing empty.
            "auto.create.topics.enable", "false",
            // ${KAFKA_RETENTION_HOURS:-8760} in the compose file: a year.
            "log.retention.hours", "8760");

    /**
     * Kafka's own defaults that the deployment relies on without writing them in docker-compose.yml, written out here
     * so that no local change of default takes them away: a replica that was out of the ISR never becomes leader (it
     * would lose acknowledged records).
     */
    public static final Map<String, String> RELIED_ON_DEFAULTS = settings("unclean.leader.election.enable", "false");

    /** Replication and {@code min.insync.replicas} of the topics {@link #createTopic} makes. */
    public static final short REPLICATION_FACTOR = 3;

    public static final int MIN_INSYNC_REPLICAS = 2;

    private static final String HOST = "127.0.0.1";
    // Three logs side by side are read by time: each line with its time (the broker logs through slf4j-simple).
    private static final List<String> NODE_JVM_OPTIONS = List.of(
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Path directory;
    private final List<Integer> ports;
    private final List<Integer> controllerPorts;
    private final ChildProcess[] processes = new ChildProcess[NODES.size()];
    private volatile MetricsAgent metricsAgent;
    private final Object adminLock = new Object();
    private Admin admin;

    /**
     * @param ports the client (PLAINTEXT) port of node 1, 2 and 3
     * @param controllerPorts the controller (CONTROLLER) port of node 1, 2 and 3
     */
    public KafkaCluster(Path directory, List<Integer> ports, List<Integer> controllerPorts) {
        if (ports.size() != NODES.size() || controllerPorts.size() != NODES.size()) {
            throw new IllegalArgumentException("three client ports and three controller ports, one of each per node");
        }
        this.directory = directory.toAbsolutePath();
        this.ports = List.copyOf(ports);
        this.controllerPorts = List.copyOf(controllerPorts);
    }

    /** A cluster on six free ports. */
    public static KafkaCluster onFreePorts(Path directory) {
        List<Integer> ports = new ArrayList<>();
        List<Integer> controllerPorts = new ArrayList<>();
        for (int ignored : NODES) {
            ports.add(ChildProcess.freePort());
            controllerPorts.add(ChildProcess.freePort());
        }
        return new KafkaCluster(directory, ports, controllerPorts);
    }

    /**
     * Gives every node, from its next start, the Prometheus JMX exporter as a Java agent, as the deployment's broker
     * image does (deploy/kafka): {@code agentJar} with the rules in {@code rules}, each node on a free port of its own.
     */
    public KafkaCluster exportingMetrics(Path agentJar, Path rules) {
        if (!Files.isRegularFile(agentJar) || !Files.isRegularFile(rules)) {
            throw new IllegalStateException("no " + agentJar + " or " + rules + ": build with mvn install first");
        }
        List<Integer> metricsPorts = new ArrayList<>();
        for (int ignored : NODES) {
            metricsPorts.add(ChildProcess.freePort());
        }
        metricsAgent = new MetricsAgent(agentJar.toAbsolutePath(), rules.toAbsolutePath(), metricsPorts);
        return this;
    }

    /** Where {@code node}'s metrics are read (GET /metrics), if {@link #exportingMetrics} was asked for. */
    public Optional<Integer> metricsPort(int node) {
        check(node);
        return Optional.ofNullable(metricsAgent).map(agent -> agent.ports().get(node - 1));
    }

    private List<String> jvmOptions(int node) {
        MetricsAgent agent = metricsAgent;
        if (agent == null) {
            return NODE_JVM_OPTIONS;
        }
        List<String> options = new ArrayList<>(NODE_JVM_OPTIONS);
        // The exporter's own syntax: [host:]port:rules file.
        options.add(
                "-javaagent:" + agent.jar() + "=" + HOST + ":" + agent.ports().get(node - 1) + ":" + agent.rules());
        return options;
    }

    private record MetricsAgent(Path jar, Path rules, List<Integer> ports) {}

    /** The Kafka environment variable of docker-compose.yml that sets {@code property}: KAFKA_MIN_INSYNC_REPLICAS. */
    public static String composeVariable(String property) {
        return "KAFKA_" + property.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /**
     * Starts the nodes not running (all three at first, their data folders formatted with one cluster id), and waits
     * until the quorum has a leader and all three brokers are registered and unfenced.
     */
    public synchronized KafkaCluster start() {
        String classpath = KafkaNode.classpath();
        formatMissing(classpath);
        List<Integer> started = new ArrayList<>();
        for (int node : NODES) {
            if (!running(node)) {
                processes[node - 1] = node(node).start("kafka-" + node, classpath, jvmOptions(node));
                started.add(node);
            }
        }
        awaitAll(started, this::clusterReady, "a quorum leader and brokers " + NODES);
        return this;
    }

    /** Starts {@code node} again (on its folder and ports) and waits until it is a registered, unfenced broker. */
    public synchronized KafkaCluster start(int node) {
        check(node);
        if (running(node)) {
            return this;
        }
        String classpath = KafkaNode.classpath();
        KafkaNode kafkaNode = node(node);
        if (!kafkaNode.formatted()) {
            kafkaNode.format(clusterId(), classpath);
        }
        processes[node - 1] = kafkaNode.start("kafka-" + node, classpath, jvmOptions(node));
        awaitAll(List.of(node), () -> answersRegistered(node), "broker " + node + " registered");
        return this;
    }

    /** SIGKILL to {@code node}: no controlled shutdown, its leaderships move when the controller fences it. */
    public synchronized void kill(int node) {
        check(node);
        ChildProcess process = processes[node - 1];
        if (process != null) {
            process.kill();
        }
    }

    /** A clean shutdown of {@code node} (SIGTERM): it hands its leaderships over before it ends. */
    public synchronized void stop(int node) {
        check(node);
        ChildProcess process = processes[node - 1];
        if (process != null) {
            process.stop();
        }
    }

    /** A clean shutdown of all three, side by side (one after the other, the last would wait for a lost quorum). */
    public synchronized void stop() {
        closeAdmin();
        List<Runnable> stops = new ArrayList<>();
        for (ChildProcess process : processes) {
            if (process != null) {
                stops.add(process::stop);
            }
        }
        inParallel(stops);
    }

    @Override
    public void close() {
        stop();
    }

    /** The process of {@code node} since its last start (it may have ended since), empty before its first start. */
    public synchronized Optional<ChildProcess> process(int node) {
        check(node);
        return Optional.ofNullable(processes[node - 1]);
    }

    /** All three nodes' client addresses. */
    public String bootstrapServers() {
        return NODES.stream().map(this::bootstrapServer).collect(Collectors.joining(","));
    }

    /** The client address of {@code node}. */
    public String bootstrapServer(int node) {
        check(node);
        return HOST + ":" + port(node);
    }

    public int port(int node) {
        check(node);
        return ports.get(node - 1);
    }

    public int controllerPort(int node) {
        check(node);
        return controllerPorts.get(node - 1);
    }

    /** The configuration file {@code node} is started with; its command line names it, so a leftover node is found. */
    public Path configFile(int node) {
        check(node);
        return node(node).configFile();
    }

    public Path directory() {
        return directory;
    }

    /** A topic with replication 3 and {@code min.insync.replicas} 2; an existing one is left as it is. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** As {@link #createTopic}, keeping the newest record of each key for good (cleanup.policy=compact). */
    public void createCompactedTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of("cleanup.policy", "compact"));
    }

    private void createTopic(String name, int partitions, Map<String, String> configs) {
        Map<String, String> all = new LinkedHashMap<>(configs);
        all.put("min.insync.replicas", String.valueOf(MIN_INSYNC_REPLICAS));
        NewTopic topic = new NewTopic(name, partitions, REPLICATION_FACTOR).configs(all);
        try {
            admin().createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + name, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + name, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name, e);
        }
    }

    /**
     * The leader of each partition of {@code topic} by partition number, -1 for a partition without one, as the broker
     * that answers sees it: for moments after a change the brokers' views differ (one that has not heard of a new
     * leader yet names the old, or -1 if the old is fenced), so a fault test awaits the answer it expects.
     */
    public Map<Integer, Integer> leaders(String topic) {
        Map<Integer, Integer> leaders = new TreeMap<>();
        for (TopicPartitionInfo partition : describe(List.of(topic)).get(topic).partitions()) {
            Node leader = partition.leader();
            leaders.put(partition.partition(), leader == null || leader.isEmpty() ? -1 : leader.id());
        }
        return leaders;
    }

    /** The in-sync replicas (node ids) of each partition of {@code topic} by partition number. */
    public Map<Integer, Set<Integer>> isr(String topic) {
        Map<Integer, Set<Integer>> isr = new TreeMap<>();
        for (TopicPartitionInfo partition : describe(List.of(topic)).get(topic).partitions()) {
            isr.put(partition.partition(), ids(partition.isr()));
        }
        return isr;
    }

    /**
     * Whether {@code node} is in the ISR of every partition it holds a replica of, in every topic, Kafka's own
     * included: it has caught up with what it missed. Meaningful once {@link #start(int)} has returned (its old
     * incarnation is then out of every ISR).
     */
    public boolean inEveryIsr(int node) {
        try {
            Set<String> topics = admin().listTopics(new ListTopicsOptions().listInternal(true))
                    .names()
                    .get(10, TimeUnit.SECONDS);
            return inEveryIsr(node, topics);
        } catch (Exception e) {
            throw failure("cannot list topics", e);
        }
    }

    /** Whether {@code node} is in the ISR of every partition of {@code topics} it holds a replica of. */
    public boolean inEveryIsr(int node, Collection<String> topics) {
        check(node);
        if (topics.isEmpty()) {
            return true;
        }
        for (TopicDescription topic : describe(topics).values()) {
            for (TopicPartitionInfo partition : topic.partitions()) {
                if (ids(partition.replicas()).contains(node)
                        && !ids(partition.isr()).contains(node)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The brokers registered and unfenced now, as the cluster's metadata tells. */
    public Set<Integer> registered() {
        try {
            return ids(admin().describeCluster().nodes().get(5, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw failure("cannot describe the cluster", e);
        }
    }

    /** The node leading the controller quorum now. */
    public int quorumLeader() {
        try {
            return admin().describeMetadataQuorum()
                    .quorumInfo()
                    .get(5, TimeUnit.SECONDS)
                    .leaderId();
        } catch (Exception e) {
            throw failure("cannot describe the metadata quorum", e);
        }
    }

    private Map<String, TopicDescription> describe(Collection<String> topics) {
        try {
            return admin().describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw failure("cannot describe " + topics, e);
        }
    }

    private static Set<Integer> ids(Collection<Node> nodes) {
        return nodes.stream().map(Node::id).collect(Collectors.toCollection(TreeSet::new));
    }

    private static IllegalStateException failure(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return new IllegalStateException(what + ": " + cause, cause);
    }

    /**
     * Whether {@code node} itself answers and is registered and unfenced. Asked of the node alone (a broker takes
     * requests only once unfenced): right after a SIGKILL, before the controller fences it, the others still list its
     * old incarnation.
     */
    private boolean answersRegistered(int node) {
        try (Admin own = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServer(node),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            return ids(own.describeCluster().nodes().get(3, TimeUnit.SECONDS)).contains(node);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    private boolean clusterReady() {
        try {
            return quorumLeader() >= 0 && registered().containsAll(NODES);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Waits until {@code ready} holds, failing early with a node's log tail if a started node dies; on failure the
     * nodes just started are killed, so a failed start leaves nothing running.
     */
    private void awaitAll(List<Integer> started, java.util.function.BooleanSupplier ready, String what) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        try {
            while (true) {
                for (int node : started) {
                    ChildProcess process = processes[node - 1];
                    if (!process.isAlive()) {
                        throw new IllegalStateException("kafka-" + node + " exited with "
                                + process.exitCode().orElse(-1) + ":\n" + process.logTail());
                    }
                }
                // An admin client on ports nobody listens on yet warns at every reconnect: look at the ports first.
                if (started.stream().allMatch(node -> ChildProcess.listening(port(node), 500))
                        && ready.getAsBoolean()) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Kafka cluster: no " + what + " within " + START_TIMEOUT + ":\n"
                            + started.stream()
                                    .map(node -> "kafka-" + node + ":\n" + processes[node - 1].logTail())
                                    .collect(Collectors.joining("\n")));
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.forEach(this::kill);
            throw new IllegalStateException("Kafka cluster start given up", e);
        } catch (RuntimeException e) {
            started.forEach(this::kill);
            throw e;
        }
    }

    private boolean running(int node) {
        ChildProcess process = processes[node - 1];
        return process != null && process.isAlive();
    }

    /** Formats, side by side, the data folders not formatted yet, all with the cluster's id. */
    private void formatMissing(String classpath) {
        String clusterId = clusterId();
        List<Runnable> formats = new ArrayList<>();
        for (int node : NODES) {
            KafkaNode kafkaNode = node(node);
            if (!kafkaNode.formatted()) {
                formats.add(() -> kafkaNode.format(clusterId, classpath));
            }
        }
        inParallel(formats);
    }

    /** Runs each task in a thread of its own and waits for all; the first failure is thrown. */
    private static void inParallel(List<Runnable> tasks) {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (Runnable task : tasks) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            Thread thread = new Thread(
                    () -> {
                        try {
                            task.run();
                            done.complete(null);
                        } catch (Throwable t) {
                            done.completeExceptionally(t);
                        }
                    },
                    "kafka-cluster-task");
            thread.setDaemon(true);
            thread.start();
            running.add(done);
        }
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** The cluster id all three data folders are formatted with: made once, kept in {@code cluster.id}. */
    private String clusterId() {
        Path file = directory.resolve("cluster.id");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(directory);
            String id = Uuid.randomUuid().toString();
            Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the cluster id in " + file, e);
        }
    }

    private KafkaNode node(int node) {
        String voters = NODES.stream()
                .map(n -> n + "@" + HOST + ":" + controllerPorts.get(n - 1))
                .collect(Collectors.joining(","));
        return new KafkaNode(directory.resolve("node-" + node), node, HOST, port(node), controllerPort(node), voters)
                .setAll(DEPLOYMENT_SETTINGS)
                .setAll(RELIED_ON_DEFAULTS);
    }

    private Admin admin() {
        synchronized (adminLock) {
            if (admin == null) {
                admin = Admin.create(Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000,
                        // A killed node is retried every second at most, not every 50 ms.
                        AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 200,
                        AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
            }
            return admin;
        }
    }

    private void closeAdmin() {
        synchronized (adminLock) {
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
                admin = null;
            }
        }
    }

    private static void check(int node) {
        if (!NODES.contains(node)) {
            throw new IllegalArgumentException("no node " + node + ": the nodes are " + NODES);
        }
    }

    private static Map<String, String> settings(String... keysAndValues) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            settings.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(settings);
    }
}
