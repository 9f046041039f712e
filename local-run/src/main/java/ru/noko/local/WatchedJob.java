package ru.noko.local;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;

/**
 * The Flink job on the run's MiniCluster. Flink restarts it from its last checkpoint by itself (its restart strategy)
 * when a task fails, as when ClickHouse is away; this only says so, once, and says when it runs steadily again. A job
 * that ended for good stops the run.
 */
final class WatchedJob implements Watched {

    /**
     * How long the job must run after a restart to count as back: while ClickHouse is still away, a restarted job
     * fails again within a few seconds of opening its sinks.
     */
    static final Duration STEADY = Duration.ofSeconds(10);

    private static final long ASK_SECONDS = 5;

    private final JobClient job;
    private final Path log;
    private Instant failedAt;
    private Instant runningSince;

    /** @param log where Flink writes why a task failed */
    WatchedJob(JobClient job, Path log) {
        this.job = job;
        this.log = log;
    }

    @Override
    public void check(Consumer<String> say, BooleanSupplier stopping) {
        JobStatus status;
        try {
            status = job.getJobStatus().get(ASK_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException | TimeoutException e) {
            // The MiniCluster is busy or shutting down: ask again next time.
            return;
        }
        if (stopping.getAsBoolean()) {
            return;
        }
        Instant now = Instant.now();
        if (status.isGloballyTerminalState()) {
            throw new RunFailure("the Flink job ended (" + status.name().toLowerCase() + "): " + cause()
                    + "; details in " + log + "; stopping everything");
        }
        if (status == JobStatus.RUNNING) {
            if (failedAt == null) {
                return;
            }
            if (runningSince == null) {
                runningSince = now;
            }
            if (Duration.between(runningSince, now).compareTo(STEADY) >= 0) {
                say.accept("noko: the Flink job is running again after "
                        + Math.max(1, Duration.between(failedAt, runningSince).toSeconds()) + " s");
                failedAt = null;
                runningSince = null;
            }
            return;
        }
        runningSince = null;
        if (failedAt == null && (status == JobStatus.RESTARTING || status == JobStatus.FAILING)) {
            failedAt = now;
            say.accept(
                    "noko: the Flink job failed; Flink restarts it from its last checkpoint (details in " + log + ")");
        }
    }

    /** The root cause's message of a job that ended, or what its status says. */
    private String cause() {
        try {
            job.getJobExecutionResult().get(ASK_SECONDS, TimeUnit.SECONDS);
            return "it finished";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        } catch (TimeoutException e) {
            return "unknown";
        } catch (ExecutionException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root.getMessage() == null
                    ? ""
                    : root.getMessage().strip().lines().findFirst().orElse("");
            return root.getClass().getSimpleName() + (message.isEmpty() ? "" : " " + message);
        }
    }
}
