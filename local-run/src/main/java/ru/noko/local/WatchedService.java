package ru.noko.local;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import ru.noko.devstack.process.ChildProcess;

/**
 * A service the local run started as a child process (Kafka, ClickHouse, the gateway): alive while its process runs
 * and it answers a real request within a deadline ({@link ServiceProbe}: the gateway's liveness, ClickHouse's ping,
 * {@code SELECT 1} on PostgreSQL, an ApiVersions request to Kafka), not merely while its port takes connections, which
 * a frozen (SIGSTOPped) process's port still does. When it dies, or has answered nothing for {@link #UNANSWERED}, it is
 * killed (SIGKILL) and started again with the same ports and data, in one console line; when it cannot be, after a
 * few tries, the run stops.
 */
final class WatchedService implements Watched {

    /**
     * How long a running process may leave every question unanswered before it is taken for hung and killed: 20 s, so
     * a frozen service is back within about half a minute. Generous: on a loaded machine a busy service is slow (a
     * long GC pause, a merge), and killing a healthy one costs more than waiting; one answer in time starts it over.
     */
    static final Duration UNANSWERED = Duration.ofSeconds(20);

    static final int TRIES = 3;
    private static final Duration BETWEEN_TRIES = Duration.ofSeconds(2);

    private final String name;
    private final Supplier<Optional<ChildProcess>> process;
    private final ServiceProbe probe;
    private final Runnable restart;
    private final Duration unanswered;
    private Instant unansweredSince;

    /**
     * @param name how the console names it after "noko: " ("Kafka", "the gateway")
     * @param process its current process (another one after each restart), empty before it started
     * @param probe the question that shows it works
     * @param restart starts it again with the same ports and data and returns once it is ready; throws if it cannot
     */
    WatchedService(String name, Supplier<Optional<ChildProcess>> process, ServiceProbe probe, Runnable restart) {
        this(name, process, probe, restart, UNANSWERED);
    }

    /** Watched by whether its loopback port takes connections only: for a stand-in with nothing to ask. */
    WatchedService(
            String name, Supplier<Optional<ChildProcess>> process, int port, Runnable restart, Duration unanswered) {
        this(name, process, ServiceProbe.port(port), restart, unanswered);
    }

    /** @param unanswered how long a running process may leave the probe unanswered before it is taken for hung */
    WatchedService(
            String name,
            Supplier<Optional<ChildProcess>> process,
            ServiceProbe probe,
            Runnable restart,
            Duration unanswered) {
        this.name = name;
        this.process = process;
        this.probe = probe;
        this.restart = restart;
        this.unanswered = unanswered;
    }

    @Override
    public void check(Consumer<String> say, BooleanSupplier stopping) {
        Optional<ChildProcess> current = process.get();
        if (current.isEmpty()) {
            return;
        }
        ChildProcess running = current.get();
        OptionalInt exit = running.exitCode();
        String trouble;
        if (exit.isPresent()) {
            trouble = name + " stopped unexpectedly (exit code " + exit.getAsInt() + ")";
        } else if (answers()) {
            unansweredSince = null;
            return;
        } else {
            Instant now = Instant.now();
            if (unansweredSince == null) {
                unansweredSince = now;
            }
            Duration silent = Duration.between(unansweredSince, now);
            if (silent.compareTo(unanswered) < 0) {
                return;
            }
            trouble = name + " has not answered " + probe.what() + " for " + silent.toSeconds() + " s";
        }
        if (stopping.getAsBoolean()) {
            return;
        }
        say.accept("noko: " + trouble + "; restarting it");
        running.kill();
        unansweredSince = null;
        bringBack(say, stopping, running);
    }

    private void bringBack(Consumer<String> say, BooleanSupplier stopping, ChildProcess dead) {
        Instant started = Instant.now();
        String reason = "";
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            if (stopping.getAsBoolean()) {
                return;
            }
            try {
                restart.run();
                say.accept("noko: " + name + " is back after "
                        + Math.max(1, Duration.between(started, Instant.now()).toSeconds()) + " s");
                return;
            } catch (RuntimeException e) {
                if (stopping.getAsBoolean()) {
                    return;
                }
                reason = firstLine(e.getMessage());
                process.get().filter(ChildProcess::isAlive).ifPresent(ChildProcess::kill);
                pause(attempt < TRIES ? BETWEEN_TRIES : Duration.ZERO);
            }
        }
        throw new RunFailure(name + " could not be restarted (" + TRIES + " tries; the last: " + reason + "); its log: "
                + process.get().orElse(dead).log() + "; stopping everything");
    }

    private boolean answers() {
        return probe.answers();
    }

    /** The first line of an exception's message, which for a child process that did not start is the reason. */
    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "no reason given";
        }
        String line = message.strip().lines().findFirst().orElse("").strip();
        return line.endsWith(":") ? line.substring(0, line.length() - 1) : line;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
