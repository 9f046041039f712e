package ru.noko.local.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * the overrides a single machine needs ({@link FlinkConfiguration}): addresses and ports on the loopback, folders, and
 * memory sizes. Jobs are submitted as {@code flink run} does: the job jar's main class run by a client JVM
 * ({@link JobSubmission}), its job graph sent with the jar to the REST API.
 *
 * <p>Without high availability, as the server runs: a job manager that starts again knows no job, so
 * {@link FlinkJobClient#resubmitFromLatestCheckpoint()} submits the last job again from the newest completed snapshot, as
 * pipeline/docker/start-job.sh does when the job manager's container starts.
 */
public final class FlinkCluster implements AutoCloseable {

    public static final String JOB_MANAGER = "jobmanager";

    private static final String CLASSPATH_RESOURCE = "flink-cluster.classpath";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path folder;
    private final Path checkpoints;
    private final int taskManagers;
    private final FlinkConfiguration settings;
    private final FlinkRest rest;
    private final Map<String, Integer> metricsPorts = new LinkedHashMap<>();
    private final Map<String, ChildProcess> processes = new LinkedHashMap<>();
    private final String classpath;
    private final FlinkJobClient jobs;

    private FlinkCluster(
            Map<String, String> composeProperties, Path folder, Path checkpoints, int taskManagers, int restPort) {
        this.folder = folder.toAbsolutePath();
        this.checkpoints = checkpoints.toAbsolutePath();
        this.taskManagers = taskManagers;
        this.classpath = clusterClasspath();
        int rpcPort = ChildProcess.freePort();
        this.settings = new FlinkConfiguration(composeProperties, restPort, rpcPort, this.checkpoints);
        this.rest = new FlinkRest(URI.create("http://127.0.0.1:" + restPort));
        this.jobs = new FlinkJobClient(
                this.folder.resolve("client"),
                this.checkpoints,
                confDir(),
                classpath,
                words(settings.get("env.java.opts.all")));
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
            cluster.settings.write(cluster.confDir());
            Files.createDirectories(cluster.checkpoints);
            cluster.startJobManager();
            for (String name : cluster.taskManagerNames()) {
                cluster.startTaskManager(name);
            }
            cluster.rest.awaitTaskManagers(taskManagers, START_TIMEOUT);
            return cluster;
        } catch (IOException e) {
            cluster.stop();
            throw new UncheckedIOException(e);
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

    /** The configuration its processes read: {@link FlinkConfiguration}. */
    public FlinkConfiguration settings() {
        return settings;
    }

    public URI restUrl() {
        return rest.url();
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

    /** What the job manager says through its REST API: task managers, jobs, checkpoints. */
    public FlinkRest rest() {
        return rest;
    }

    /** Submits jobs and submits the last one again from its newest snapshot: {@link FlinkJobClient}. */
    public FlinkJobClient jobs() {
        return jobs;
    }

    /** SIGKILL, as when the machine or the container dies. */
    public void kill(String name) {
        process(name).kill();
    }

    /**
     * Starts a killed (or stopped) process again with the same folders and ports. A task manager is back once it is
     * registered; a job manager once its REST API answers (it knows no job then: {@link
     * FlinkJobClient#resubmitFromLatestCheckpoint()}).
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
            FlinkRest.await(
                    name + " registered",
                    START_TIMEOUT,
                    () -> rest.registeredTaskManagers().contains(name));
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
        Configuration flink = Configuration.fromMap(settings.configuration());
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
        process.awaitReady(START_TIMEOUT, () -> rest.answers("/overview"));
    }

    private void startTaskManager(String name) {
        TaskExecutorProcessSpec spec =
                TaskExecutorProcessUtils.processSpecFromConfig(Configuration.fromMap(settings.configuration()));
        List<String> jvm = new ArrayList<>(words(ProcessMemoryUtils.generateJvmParametersStr(spec)));
        List<String> dynamic = new ArrayList<>(words(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)));
        Path work = folder.resolve(name);
        dynamic.addAll(processFolders(name, work, "process.taskmanager.working-dir"));
        dynamic.addAll(List.of("-D", "taskmanager.resource-id=" + name));
        launch(
                name,
                jvm,
                words(FlinkConfiguration.TASK_MANAGER_JAVA_OPTS),
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
        command.addAll(words(settings.get("env.java.opts.all")));
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

    private static List<String> words(String text) {
        return text == null || text.isBlank()
                ? List.of()
                : Arrays.asList(text.strip().split("\\s+"));
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
}
