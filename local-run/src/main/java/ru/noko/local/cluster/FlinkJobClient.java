package ru.noko.local.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import ru.noko.devstack.process.ChildProcess;
import ru.noko.flinkcluster.JobSubmission;

/**
 * Jobs submitted to a {@link FlinkCluster} as {@code flink run --detached} submits them: the job jar's main class run by
 * a client JVM ({@link JobSubmission}) with the cluster's configuration, its job graph sent with the jar to the REST
 * API; and the last job submitted again from the newest completed snapshot, as pipeline/docker/start-job.sh does.
 */
public final class FlinkJobClient {

    private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(3);

    private final Path work;
    private final Path checkpoints;
    private final Path confDir;
    private final String classpath;
    private final List<String> javaOptions;
    private volatile Submission lastSubmission;
    private int submissions;

    FlinkJobClient(Path work, Path checkpoints, Path confDir, String classpath, List<String> javaOptions) {
        this.work = work;
        this.checkpoints = checkpoints;
        this.confDir = confDir;
        this.classpath = classpath;
        this.javaOptions = List.copyOf(javaOptions);
    }

    /** What a job is submitted with, kept for {@link FlinkJobClient#resubmitFromLatestCheckpoint()}. */
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

    /**
     * Submits a job as {@code flink run --detached} would: its main class runs in a client JVM with {@code environment}
     * added to this one's (the checkpoint folder as NOKO_CHECKPOINT_DIR unless given), and the job graph goes with the
     * jar to the cluster's REST API.
     */
    public synchronized JobID submit(Submission submission) {
        Map<String, String> environment = new LinkedHashMap<>(submission.environment());
        environment.putIfAbsent("NOKO_CHECKPOINT_DIR", checkpoints.toUri().toString());
        Path jobIdFile = work.resolve("job-" + (++submissions) + ".id");
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.javaExecutable());
        command.addAll(javaOptions);
        command.add("-Dlog.file=" + work.resolve("client.log"));
        command.add("-Dlog4j.configurationFile="
                + confDir.resolve("log4j.properties").toUri());
        command.add("-cp");
        command.add(classpath + java.io.File.pathSeparator + submitterLocation());
        command.add(JobSubmission.class.getName());
        command.addAll(List.of("--configDir", confDir.toString()));
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
                    .max(Comparator.comparing(FlinkJobClient::metadataModified))
                    .map(Path::toAbsolutePath);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.nio.file.attribute.FileTime metadataModified(Path dir) {
        try {
            return Files.getLastModifiedTime(dir.resolve("_metadata"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
