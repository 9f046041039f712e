package ru.noko.local;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the local run's parts every second, from one thread, so a service that dies is noticed within seconds,
 * said in one plain line and brought back ({@link WatchedService}, {@link WatchedJob}). When one cannot be, it says
 * why and completes {@link #failure()}, for the run to stop.
 */
final class ServiceWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceWatch.class);
    static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    /** Never started: only asked to be removed, which the JVM refuses once it shuts down. */
    private static final Thread SHUTDOWN_PROBE = new Thread(() -> {});

    private final List<? extends Watched> parts;
    private final Consumer<String> say;
    private final CompletableFuture<String> failure = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean closed;

    private ServiceWatch(List<? extends Watched> parts, Consumer<String> say) {
        this.parts = List.copyOf(parts);
        this.say = say;
        this.thread = new Thread(this::watch, "noko-service-watch");
        // The run's shutdown hook ends it; it must not keep the JVM alive on its own.
        thread.setDaemon(true);
    }

    /** Starts watching {@code parts}, in order, saying each line with {@code say}. */
    static ServiceWatch start(List<? extends Watched> parts, Consumer<String> say) {
        ServiceWatch watch = new ServiceWatch(parts, say);
        watch.thread.start();
        return watch;
    }

    /** Completes with the line said when a part could not be brought back; the watch has stopped then. */
    CompletableFuture<String> failure() {
        return failure;
    }

    private void watch() {
        while (!stopping()) {
            try {
                for (Watched part : parts) {
                    part.check(say, this::stopping);
                }
            } catch (RunFailure e) {
                if (!stopping()) {
                    String line = "noko: " + e.getMessage();
                    say.accept(line);
                    failure.complete(line);
                }
                return;
            } catch (RuntimeException e) {
                // A look that went wrong is not a service that died: look again next time.
                if (stopping()) {
                    return;
                }
                LOG.warn("The service watch could not look at a part of the run: {}", e.toString());
            }
            try {
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Closed, or the JVM shuts down (Ctrl-C): services then end on purpose, and nothing may be started. */
    private boolean stopping() {
        return closed || jvmShuttingDown();
    }

    private static boolean jvmShuttingDown() {
        try {
            Runtime.getRuntime().removeShutdownHook(SHUTDOWN_PROBE);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** Stops watching, waiting for a restart under way to give up, before the run stops its services. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
