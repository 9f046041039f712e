package ru.noko.local.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;
import ru.noko.devstack.process.ChildProcess;
import ru.noko.flinkcluster.JobSubmission;

/**
 * A real standalone Flink cluster on this machine: a job manager ({@code StandaloneSessionClusterEntrypoint}) and task
 * managers ({@code TaskManagerRunner}), each a JVM of its own started from Flink's entry points on the class path of a
 * Flink distribution's lib/ (the flink-cluster module's {@code flink-cluster.classpath}), with the configuration the
 * server deployment runs (docker-compose.yml's {@code x-flink-properties}, {@link ComposeFlinkProperties}) and only
 * the {@linkplain #overrides() overrides} a single machine needs: addresses and ports on the loopback, folders, and
 * memory sizes. Jobs are submitted as {@code flink run} does: the job jar's main class run by a client JVM
 * ({@link JobSubmission}), its job graph sent with the jar to the REST API.
 *
 * <p>Without high availability, as the server runs: a job manager that starts again knows no job, so
 * {@link #resubmitFromLatestCheckpoint()} submits the last job again from the newest completed snapshot, as
 * pipeline/docker/start-job.sh does when the job manager's container starts.
 */
public final class FlinkCluster implements AutoCloseable {

    public static final String JOB_MANAGER = "jobmanager";

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

    private static final String CLASSPATH_RESOURCE = "flink-cluster.classpath";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final Path checkpoints;
    private final int taskManagers;
    private final Map<String, String> composeProperties;
    private final Map<String, String> overrides;
    private final Map<String, String> configuration;
    private final int restPort;
    private final Map<String, Integer> metricsPorts = new LinkedHashMap<>();
    private final Map<String, ChildProcess> processes = new LinkedHashMap<>();
    private final String classpath;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Submission lastSubmission;
    private int submissions;

    /** What a job is submitted with, kept for {@link #resubmitFromLatestCheckpoint()}. */
    public record Submission(
            Path jobJar,
            String mainClass,
            List<String> args,
            Map<String, String> environment,
            int parallelism,
            Optional<String> restorePath) {

        public Submission {
            args = List.copyOf(args);
            environment = Map.copyOf(environment);
        }

        public Submission(Path jobJar, String mainClass, Map<String, String> environment, int parallelism) {
            this(jobJar, mainClass, List.of(), environment, parallelism, Optional.empty());
        }

        /** The same job, started from a savepoint or a retained checkpoint. */
        public Submission from(String snapshot) {
            return new Submission(jobJar, mainClass, args, environment, parallelism, Optional.of(snapshot));
        }
    }

    /** A job's checkpoint statistics (REST /jobs/:id/checkpoints). */
    public record Checkpoints(
            long completed,
            long failed,
            long inProgress,
            long restored,
            Optional<Long> latestCompletedId,
            Optional<String> latestCompletedPath,
            Optional<String> restoredFrom) {}

    private FlinkCluster(
            Map<String, String> composeProperties, Path folder, Path checkpoints, int taskManagers, int restPort) {
        this.folder = folder.toAbsolutePath();
        this.checkpoints = checkpoints.toAbsolutePath();
        this.taskManagers = taskManagers;
        this.composeProperties = Map.copyOf(composeProperties);
        this.restPort = restPort;
        this.classpath = clusterClasspath();
        int rpcPort = ChildProcess.freePort();
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
                this.checkpoints.resolve("savepoints").toUri().toString());
        overrides.putAll(MEMORY_OVERRIDES);
        this.overrides = Map.copyOf(overrides);
        Map<String, String> configuration = new LinkedHashMap<>(DISTRIBUTION_DEFAULTS);
        configuration.putAll(composeProperties);
        configuration.putAll(overrides);
        this.configuration = Map.copyOf(configuration);
    }

    /**
     * Starts a job manager (REST and RPC on free loopback ports) and {@code taskManagers} task managers, their files
     * under {@code folder}, checkpoints (and savepoints) under {@code checkpoints}; returns once all task managers are
     * registered.
     *
     * @param composeProperties the server's Flink configuration, {@link ComposeFlinkProperties#read}
     */
    public static FlinkCluster start(
            Map<String, String> composeProperties, Path folder, Path checkpoints, int taskManagers) {
        return start(composeProperties, folder, checkpoints, taskManagers, ChildProcess.freePort());
    }

    public static FlinkCluster start(
            Map<String, String> composeProperties, Path folder, Path checkpoints, int taskManagers, int restPort) {
        FlinkCluster cluster = new FlinkCluster(composeProperties, folder, checkpoints, taskManagers, restPort);
        try {
            cluster.writeConfiguration();
            cluster.startJobManager();
            for (String name : cluster.taskManagerNames()) {
                cluster.startTaskManager(name);
            }
            cluster.awaitTaskManagers(taskManagers, START_TIMEOUT);
            return cluster;
        } catch (RuntimeException e) {
            cluster.stop();
            throw e;
        }
    }

    /**
     * The pipeline's shaded job jar as the build leaves it under {@code projectRoot}, the jar a cluster is given
     * (pipeline/target/pipeline-&lt;version&gt;-job.jar).
     */
    public static Path jobJar(Path projectRoot) {
        try (java.util.stream.Stream<Path> files =
                Files.list(projectRoot.resolve("pipeline").resolve("target"))) {
            return files.filter(file -> file.getFileName().toString().matches("pipeline-.*-job\\.jar"))
                    .findFirst()
                    .orElseThrow(
                            () -> new IllegalStateException(
                                    "no pipeline/target/pipeline-*-job.jar: build it with mvn -DskipTests install -pl pipeline -am"))
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "no pipeline/target: build it with mvn -DskipTests install -pl pipeline -am", e);
        }
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

    public URI restUrl() {
        return URI.create("http://127.0.0.1:" + restPort);
    }

    public Path checkpointFolder() {
        return checkpoints;
    }

    /** The processes' names: {@value #JOB_MANAGER}, taskmanager-1 … taskmanager-N (also the task managers' ids). */
    public List<String> processNames() {
        List<String> names = new ArrayList<>();
        names.add(JOB_MANAGER);
        names.addAll(taskManagerNames());
        return names;
    }

    public List<String> taskManagerNames() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= taskManagers; i++) {
            names.add("taskmanager-" + i);
        }
        return names;
    }

    public ChildProcess process(String name) {
        ChildProcess process = processes.get(name);
        if (process == null) {
            throw new IllegalArgumentException("no process " + name + " (" + processNames() + ")");
        }
        return process;
    }

    /**
     * The port of a process's Prometheus reporter (the compose file's metrics.reporter.prom.*, on a port of its own
     * here), fixed for the cluster's life: a restarted process gets the same one.
     */
    public synchronized int metricsPort(String name) {
        process(name);
        return metricsPorts.computeIfAbsent(name, ignored -> ChildProcess.freePort());
    }

    /** The task managers registered with the job manager (REST /taskmanagers), by id. */
    public Set<String> registeredTaskManagers() {
        Set<String> ids = new TreeSet<>();
        rest("/taskmanagers")
                .path("taskmanagers")
                .forEach(tm -> ids.add(tm.path("id").asText()));
        return ids;
    }

    /** Task managers some of whose slots are taken, i.e. that run tasks. */
    public Set<String> busyTaskManagers() {
        Set<String> ids = new TreeSet<>();
        rest("/taskmanagers").path("taskmanagers").forEach(tm -> {
            if (tm.path("freeSlots").asInt() < tm.path("slotsNumber").asInt()) {
                ids.add(tm.path("id").asText());
            }
        });
        return ids;
    }

    public void awaitTaskManagers(int count, Duration timeout) {
        await(
                "" + count + " task managers registered",
                timeout,
                () -> registeredTaskManagers().size() == count);
    }

    /**
     * Submits a job as {@code flink run --detached} would: its main class runs in a client JVM with {@code environment}
     * added to this one's (the checkpoint folder as NOKO_CHECKPOINT_DIR unless given), and the job graph goes with the
     * jar to the cluster's REST API.
     */
    public synchronized JobID submit(Submission submission) {
        Map<String, String> environment = new LinkedHashMap<>(submission.environment());
        environment.putIfAbsent("NOKO_CHECKPOINT_DIR", checkpoints.toUri().toString());
        Path work = folder.resolve("client");
        Path jobIdFile = work.resolve("job-" + (++submissions) + ".id");
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.javaExecutable());
        command.addAll(words(configuration.get("env.java.opts.all")));
        command.add("-Dlog.file=" + work.resolve("client.log"));
        command.add("-Dlog4j.configurationFile="
                + confDir().resolve("log4j.properties").toUri());
        command.add("-cp");
        command.add(classpath + java.io.File.pathSeparator + submitterLocation());
        command.add(JobSubmission.class.getName());
        command.addAll(List.of("--configDir", confDir().toString()));
        command.addAll(List.of("--jar", submission.jobJar().toAbsolutePath().toString()));
        command.addAll(List.of("--class", submission.mainClass()));
        command.addAll(List.of("--parallelism", String.valueOf(submission.parallelism())));
        command.addAll(List.of("--jobIdFile", jobIdFile.toString()));
        submission.restorePath().ifPresent(path -> command.addAll(List.of("--fromSavepoint", path)));
        if (!submission.args().isEmpty()) {
            command.add("--");
            command.addAll(submission.args());
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(work);
            Files.deleteIfExists(jobIdFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChildProcess client = ChildProcess.start("flink-client", builder, work.resolve("submit.out"));
        Instant deadline = Instant.now().plus(SUBMIT_TIMEOUT);
        while (client.isAlive()) {
            if (Instant.now().isAfter(deadline)) {
                client.kill();
                throw new IllegalStateException("the submission took longer than " + SUBMIT_TIMEOUT);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                client.kill();
                throw new IllegalStateException("the submission was interrupted", e);
            }
        }
        if (client.exitCode().orElse(-1) != 0 || !Files.exists(jobIdFile)) {
            throw new IllegalStateException("the submission failed (" + client.exitCode() + "):\n" + client.logTail());
        }
        lastSubmission = submission;
        try {
            return JobID.fromHexString(Files.readString(jobIdFile).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last job submitted again from the newest completed snapshot ({@link #latestCompletedSnapshot()}), if any. */
    public JobID resubmitFromLatestCheckpoint() {
        Submission last = lastSubmission;
        if (last == null) {
            throw new IllegalStateException("no job was submitted to this cluster");
        }
        Optional<Path> snapshot = latestCompletedSnapshot();
        Submission next = snapshot.map(path -> last.from(path.toString()))
                .orElse(new Submission(
                        last.jobJar(),
                        last.mainClass(),
                        last.args(),
                        last.environment(),
                        last.parallelism(),
                        Optional.empty()));
        return submit(next);
    }

    /**
     * The newest completed snapshot in the checkpoint folder, as start-job.sh chooses it: the newest
     * {@code <job>/chk-N/_metadata} or {@code savepoints/*}{@code /_metadata} (written last, so only completed ones
     * have it).
     */
    public Optional<Path> latestCompletedSnapshot() {
        if (!Files.isDirectory(checkpoints)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(checkpoints, 3)) {
            return files.filter(file -> file.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .filter(dir -> dir.getFileName().toString().startsWith("chk-")
                            || dir.getParent().getFileName().toString().equals("savepoints"))
                    .max(Comparator.comparing(FlinkCluster::metadataModified))
                    .map(Path::toAbsolutePath);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the job and every one of its tasks run. */
    public void awaitRunning(JobID job, Duration timeout) {
        await("job " + job + " running", timeout, () -> isRunning(job));
    }

    public boolean isRunning(JobID job) {
        JsonNode details = rest("/jobs/" + job);
        if (!"RUNNING".equals(details.path("state").asText())) {
            return false;
        }
        for (JsonNode vertex : details.path("vertices")) {
            if (!"RUNNING".equals(vertex.path("status").asText())) {
                return false;
            }
        }
        return details.path("vertices").size() > 0;
    }

    /** The job's state (RUNNING, RESTARTING, FAILED…). */
    public String jobState(JobID job) {
        return rest("/jobs/" + job).path("state").asText();
    }

    public Checkpoints checkpoints(JobID job) {
        JsonNode stats = rest("/jobs/" + job + "/checkpoints");
        JsonNode counts = stats.path("counts");
        JsonNode completed = stats.path("latest").path("completed");
        JsonNode restored = stats.path("latest").path("restored");
        return new Checkpoints(
                counts.path("completed").asLong(),
                counts.path("failed").asLong(),
                counts.path("in_progress").asLong(),
                counts.path("restored").asLong(),
                completed.isObject() ? Optional.of(completed.path("id").asLong()) : Optional.empty(),
                completed.isObject()
                        ? Optional.of(completed.path("external_path").asText())
                        : Optional.empty(),
                restored.isObject() ? Optional.of(restored.path("external_path").asText()) : Optional.empty());
    }

    /** Waits for a checkpoint of {@code job} completed after the call, and returns the statistics then. */
    public Checkpoints awaitNextCheckpoint(JobID job, Duration timeout) {
        long before = checkpoints(job).latestCompletedId().orElse(-1L);
        await(
                "a checkpoint of " + job + " after " + before,
                timeout,
                () -> checkpoints(job).latestCompletedId().orElse(-1L) > before);
        return checkpoints(job);
    }

    /** SIGKILL, as when the machine or the container dies. */
    public void kill(String name) {
        process(name).kill();
    }

    /**
     * Starts a killed (or stopped) process again with the same folders and ports. A task manager is back once it is
     * registered; a job manager once its REST API answers (it knows no job then: {@link
     * #resubmitFromLatestCheckpoint()}).
     */
    public void restart(String name) {
        ChildProcess process = process(name);
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        if (name.equals(JOB_MANAGER)) {
            startJobManager();
        } else {
            startTaskManager(name);
            await(
                    name + " registered",
                    START_TIMEOUT,
                    () -> registeredTaskManagers().contains(name));
        }
    }

    /** Stops the task managers, then the job manager (SIGTERM, as Flink's scripts do). */
    public void stop() {
        List<String> names = new ArrayList<>(processes.keySet());
        java.util.Collections.reverse(names);
        for (String name : names) {
            processes.get(name).stop();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void startJobManager() {
        Configuration flink = Configuration.fromMap(configuration);
        JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfig(flink);
        List<String> jvm = new ArrayList<>(words(JobManagerProcessUtils.generateJvmParametersStr(spec, flink)));
        List<String> dynamic = new ArrayList<>(words(JobManagerProcessUtils.generateDynamicConfigsStr(spec)));
        Path work = folder.resolve(JOB_MANAGER);
        dynamic.addAll(processFolders(JOB_MANAGER, work, "process.jobmanager.working-dir"));
        dynamic.addAll(List.of("-D", "web.tmpdir=" + work.resolve("web")));
        dynamic.addAll(List.of("-D", "blob.storage.directory=" + work.resolve("blobs")));
        ChildProcess process = launch(
                JOB_MANAGER,
                jvm,
                List.of(),
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                dynamic);
        process.awaitReady(START_TIMEOUT, () -> answers("/overview"));
    }

    private void startTaskManager(String name) {
        TaskExecutorProcessSpec spec =
                TaskExecutorProcessUtils.processSpecFromConfig(Configuration.fromMap(configuration));
        List<String> jvm = new ArrayList<>(words(ProcessMemoryUtils.generateJvmParametersStr(spec)));
        List<String> dynamic = new ArrayList<>(words(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)));
        Path work = folder.resolve(name);
        dynamic.addAll(processFolders(name, work, "process.taskmanager.working-dir"));
        dynamic.addAll(List.of("-D", "taskmanager.resource-id=" + name));
        launch(
                name,
                jvm,
                words(TASK_MANAGER_JAVA_OPTS),
                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                dynamic);
    }

    /** Each process's own folders, and its own metrics port (the compose file's 9249 is one per container). */
    private synchronized List<String> processFolders(String name, Path work, String workingDirOption) {
        int metricsPort = metricsPorts.computeIfAbsent(name, ignored -> ChildProcess.freePort());
        return List.of(
                "-D",
                "io.tmp.dirs=" + work.resolve("tmp"),
                "-D",
                workingDirOption + "=" + work.resolve("work"),
                "-D",
                "metrics.reporter.prom.port=" + metricsPort);
    }

    private ChildProcess launch(
            String name, List<String> memoryOptions, List<String> javaOpts, String mainClass, List<String> dynamic) {
        Path work = folder.resolve(name);
        try {
            Files.createDirectories(work.resolve("tmp"));
            Files.createDirectories(work.resolve("work"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.javaExecutable());
        command.addAll(memoryOptions);
        command.addAll(words(configuration.get("env.java.opts.all")));
        command.addAll(javaOpts);
        command.add("-Dlog.file=" + work.resolve(name + ".log"));
        command.add("-Dlog4j.configurationFile="
                + confDir().resolve("log4j.properties").toUri());
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(List.of("--configDir", confDir().toString()));
        command.addAll(dynamic);
        ChildProcess process = ChildProcess.start(name, command, work.resolve(name + ".out"));
        processes.put(name, process);
        return process;
    }

    private Path confDir() {
        return folder.resolve("conf");
    }

    private void writeConfiguration() {
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
            Files.createDirectories(confDir());
            Files.createDirectories(checkpoints);
            Files.writeString(confDir().resolve("config.yaml"), yaml, StandardCharsets.UTF_8);
            Files.writeString(confDir().resolve("log4j.properties"), log4j, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Flink configuration in " + confDir(), e);
        }
    }

    private boolean answers(String path) {
        try {
            HttpResponse<String> response = get(path);
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private JsonNode rest(String path) {
        try {
            HttpResponse<String> response = get(path);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("GET " + path + " interrupted", e);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(restUrl().resolve(path))
                        .timeout(Duration.ofSeconds(5))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Polls {@code condition} (a REST call that fails counts as not yet) until it holds. */
    private static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
        throw new IllegalStateException("not within " + timeout + ": " + what, last);
    }

    private static List<String> words(String text) {
        return text == null || text.isBlank()
                ? List.of()
                : Arrays.asList(text.strip().split("\\s+"));
    }

    private static java.nio.file.attribute.FileTime metadataModified(Path dir) {
        try {
            return Files.getLastModifiedTime(dir.resolve("_metadata"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flink's jars (flink-cluster.classpath, written by the flink-cluster module's build). */
    private static String clusterClasspath() {
        try (InputStream in = JobSubmission.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + CLASSPATH_RESOURCE + ": build the flink-cluster module");
            }
            String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            List<String> missing = Arrays.stream(classpath.split(java.io.File.pathSeparator))
                    .filter(entry -> !Files.exists(Path.of(entry)))
                    .toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("Flink's jars missing (run mvn install): " + missing);
            }
            return classpath;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CLASSPATH_RESOURCE, e);
        }
    }

    /** Where the submitting client's own class is: the flink-cluster module's classes or jar. */
    private static String submitterLocation() {
        try {
            return Path.of(JobSubmission.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
