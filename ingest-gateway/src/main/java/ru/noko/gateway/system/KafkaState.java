package ru.noko.gateway.system;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.errors.TimeoutException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * What the gateway knows of Kafka, kept up to date in the background so that nobody who asks waits for the broker:
 * readiness ({@link KafkaHealth}), {@code noko_gateway_ready} ({@link ReadinessGauge}) and the intake, which refuses a
 * response at once while Kafka is known to be down instead of holding it for the whole delivery timeout.
 *
 * <p>Every {@link #INTERVAL} one {@code describeCluster} asks the cluster, with its own {@link #CHECK_TIMEOUT}; the
 * producer adds what its sends tell (an acknowledgement: Kafka answers; a send that timed out: it did not). Kafka is
 * {@link State#DOWN} only after {@link #FAILURES_TO_DOWN} failures in a row with no success between them, so one slow
 * answer on a loaded machine (a blip) refuses nothing; one success makes it {@link State#UP} again. Until the first
 * answer it is {@link State#UNKNOWN}: not ready, but nothing is refused for it.
 */
@Component
public class KafkaState implements SmartLifecycle {

    public enum State {
        UNKNOWN,
        UP,
        DOWN
    }

    /** What is known, and since when: {@code checkedAt} is the last time anything told (epoch ms; 0: never). */
    public record Snapshot(State state, int brokers, String error, long checkedAt) {}

    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(1);
    static final int FAILURES_TO_DOWN = 2;
    /** A check that never completes (it should not: the admin client has its own timeout) counts as failed. */
    private static final Duration CHECK_LIMIT = CHECK_TIMEOUT.plusSeconds(1);

    private final Supplier<CompletionStage<Integer>> check;
    private final Supplier<Admin> adminFactory;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile Snapshot snapshot = new Snapshot(State.UNKNOWN, 0, "not checked yet", 0);
    private int failuresInRow;
    private volatile Admin admin;
    private volatile ScheduledExecutorService scheduler;

    @Autowired
    KafkaState(KafkaSettings kafka) {
        this.adminFactory = () -> Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) CHECK_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) CHECK_TIMEOUT.toMillis(),
                AdminClientConfig.CLIENT_ID_CONFIG,
                "noko-ingest-gateway-health"));
        this.check = this::describeCluster;
    }

    /** @param check asks Kafka once, completing with its number of brokers or failing (a test's stand-in) */
    KafkaState(Supplier<CompletionStage<Integer>> check) {
        this.adminFactory = null;
        this.check = check;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** Whether Kafka is known to be down now: a response sent now would only wait for the delivery timeout. */
    public boolean down() {
        return snapshot.state() == State.DOWN;
    }

    /** The producer had a record acknowledged: Kafka answers. Costs a volatile read while Kafka is up. */
    public void acknowledged() {
        if (snapshot.state() != State.UP) {
            answered(-1);
        }
    }

    /** The producer gave up on a record; a timeout means Kafka did not answer, anything else says nothing of it. */
    public void sendFailed(Exception error) {
        if (error instanceof TimeoutException) {
            failed("a send was not acknowledged in time");
        }
    }

    /** Asks Kafka once, unless the previous question is still open; the answer updates the state when it comes. */
    void checkNow() {
        if (!checking.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Integer> answer = new CompletableFuture<>();
        try {
            check.get().whenComplete((brokers, error) -> {
                if (error == null) {
                    answer.complete(brokers);
                } else {
                    answer.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        }
        answer.orTimeout(CHECK_LIMIT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((brokers, error) -> {
            try {
                if (error == null) {
                    answered(brokers);
                } else {
                    failed("Kafka does not answer: "
                            + rootCause(error).getClass().getSimpleName());
                }
            } finally {
                checking.set(false);
            }
        });
    }

    private synchronized void answered(int brokers) {
        failuresInRow = 0;
        int known = brokers >= 0 ? brokers : snapshot.brokers();
        snapshot = new Snapshot(State.UP, known, "", System.currentTimeMillis());
    }

    private synchronized void failed(String why) {
        failuresInRow++;
        State state = failuresInRow >= FAILURES_TO_DOWN ? State.DOWN : snapshot.state();
        snapshot = new Snapshot(state, snapshot.brokers(), why, System.currentTimeMillis());
    }

    private CompletionStage<Integer> describeCluster() {
        CompletableFuture<Integer> brokers = new CompletableFuture<>();
        admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) CHECK_TIMEOUT.toMillis()))
                .nodes()
                .whenComplete((nodes, error) -> {
                    if (error == null) {
                        brokers.complete(nodes.size());
                    } else {
                        brokers.completeExceptionally(error);
                    }
                });
        return brokers;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        if (adminFactory != null) {
            admin = adminFactory.get();
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kafka-state");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        checkNow();
                    } catch (RuntimeException e) {
                        // A check that could not even start is a failed one; the next tick asks again.
                        failed("Kafka could not be asked: " + e.getClass().getSimpleName());
                    }
                },
                0,
                INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** Started before the web server and stopped after it, so requests finishing at shutdown still see Kafka. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
