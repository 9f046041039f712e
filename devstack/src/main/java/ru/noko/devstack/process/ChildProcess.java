package ru.noko.devstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A service started as a child process, with its output in a log file, stopped with SIGTERM (then SIGKILL). */
public final class ChildProcess {

    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path log;
    private volatile String stopSignal;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public static ChildProcess start(String name, List<String> command, Path log) {
        return start(name, new ProcessBuilder(command), log);
    }

    /** Starts {@code command} (with the environment it was given) and appends its output to {@code log}. */
    public static ChildProcess start(String name, ProcessBuilder command, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Process process = command.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            ChildProcess child = new ChildProcess(name, process, log);
            // A JVM that ends without stopping its services must not leave them running. Gracefully: this hook may run
            // beside an orderly shutdown of the same services (Ctrl-C of the local run).
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(child::stop, "stop-" + name));
            } catch (IllegalStateException shuttingDown) {
                // Started while the JVM shuts down (Ctrl-C during start-up): no hook would stop it, so it must not run.
                child.kill();
                throw new IllegalStateException("not starting " + name + ": shutting down", shuttingDown);
            }
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot start " + name + ": " + command.command().get(0), e);
        }
    }

    /**
     * Waits until {@code ready} holds, failing early with the log's tail if the process dies. A process that is not
     * ready in time, or whose start is given up (the waiting thread interrupted), is killed, so a failed start leaves
     * nothing running.
     */
    public void awaitReady(Duration timeout, BooleanSupplier ready) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (ready.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                throw new IllegalStateException(name + " was given up before it was ready", e);
            }
        }
        kill();
        throw new IllegalStateException(name + " was not ready within " + timeout + ":\n" + logTail());
    }

    /** The process, for what a benchmark reads of it (its CPU time). */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code once the process has ended (137 after SIGKILL, 143 after SIGTERM), empty while it runs. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Where its output goes. */
    public Path log() {
        return log;
    }

    /**
     * Stops it with another signal than SIGTERM ({@code "INT"}, {@code "QUIT"}): for services that read SIGTERM as
     * something slower than "stop now". Also what the shutdown hook sends.
     */
    public ChildProcess stopsWith(String signal) {
        this.stopSignal = signal;
        return this;
    }

    /** SIGTERM (or the signal it {@linkplain #stopsWith stops with}), so the service shuts down cleanly; SIGKILL if it takes too long. */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        String signal = stopSignal;
        if (signal == null) {
            process.destroy();
        } else {
            try {
                new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start()
                        .waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                process.destroy();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                return;
            }
        }
        awaitStopOrKill();
    }

    private void awaitStopOrKill() {
        try {
            if (!process.waitFor(GRACEFUL_STOP.toSeconds(), TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** SIGKILL: the service gets no chance to clean up, as when a machine dies. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(GRACEFUL_STOP.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** Runs a command to completion, failing with its output when it does not exit 0. */
    public static void run(String name, List<String> command, Path log, Duration timeout) {
        ChildProcess child = start(name, command, log);
        try {
            if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                child.kill();
                throw new IllegalStateException(name + " did not finish within " + timeout + ":\n" + child.logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.kill();
            throw new IllegalStateException(name + " interrupted", e);
        }
        if (child.process.exitValue() != 0) {
            throw new IllegalStateException(
                    name + " exited with " + child.process.exitValue() + ":\n" + child.logTail());
        }
    }

    /** Whether something on the loopback address accepts connections on {@code port} within {@code timeoutMillis}. */
    public static boolean listening(int port, int timeoutMillis) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A port nothing listens on now, for a server started later, and never the same one twice in this JVM. Chosen
     * below Linux's ephemeral range (32768–60999), where the system takes the local port of every outgoing
     * connection: a port from that range, picked now and bound a minute later, was taken by a Kafka client's
     * connection in between, and a gateway of the cluster run failed to start on it.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = FIRST_PORT + RANDOM.nextInt(EPHEMERAL_START - FIRST_PORT);
            synchronized (HANDED_OUT) {
                if (HANDED_OUT.contains(port)) {
                    continue;
                }
                try (ServerSocket socket = new ServerSocket(port)) {
                    socket.setReuseAddress(true);
                    HANDED_OUT.add(port);
                    return port;
                } catch (IOException taken) {
                    // in use: another
                }
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static final int FIRST_PORT = 20_000;
    private static final int EPHEMERAL_START = 32_768;
    private static final java.util.Random RANDOM = new java.util.Random();
    private static final java.util.Set<Integer> HANDED_OUT = new java.util.HashSet<>();

    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
