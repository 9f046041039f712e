package ru.noko.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.DevStack;
import ru.noko.devstack.process.ChildProcess;

/**
 * The watch on a stand-in service (a {@code sleep} process and a port of the test's): a death is said in one plain
 * line and the service started again, a service that cannot be started stops the run with the reason, a silent one
 * is taken for hung, a frozen one (SIGSTOP: its port still takes connections) too, and a closed watch starts nothing.
 */
class ServiceWatchTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Path folder = DevStack.scratch("watch");
    private final List<String> console = new CopyOnWriteArrayList<>();
    private final AtomicReference<ChildProcess> sleeper = new AtomicReference<>();
    private final AtomicInteger restarts = new AtomicInteger();
    private ServerSocket port;
    private ServiceWatch watch;

    @BeforeEach
    void startTheStandIn() throws IOException {
        sleeper.set(startSleeping());
        port = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stopEverything() throws IOException {
        if (watch != null) {
            watch.close();
        }
        sleeper.get().kill();
        port.close();
    }

    @Test
    void aKilledServiceIsSaidInOneLineAndStartedAgain() throws Exception {
        watch = watch(
                () -> {
                    restarts.incrementAndGet();
                    sleeper.set(startSleeping());
                },
                WatchedService.UNANSWERED);
        ChildProcess first = sleeper.get();

        first.handle().destroyForcibly();

        awaitLine("noko: the sleeper is back after ");
        assertThat(console).hasSize(2);
        assertThat(console.get(0)).isEqualTo("noko: the sleeper stopped unexpectedly (exit code 137); restarting it");
        assertThat(console.get(1)).matches("noko: the sleeper is back after \\d+ s");
        assertThat(restarts).hasValue(1);
        assertThat(sleeper.get()).isNotSameAs(first);
        assertThat(sleeper.get().isAlive()).isTrue();
        assertThat(watch.failure()).isNotDone();
    }

    @Test
    void aServiceThatCannotBeRestartedStopsTheRunWithTheReasonAndNoStackTrace() throws Exception {
        watch = watch(
                () -> {
                    restarts.incrementAndGet();
                    throw new IllegalStateException(
                            "sleeper exited with 1:\nError: cannot lock the data folder\n\tat Main.main");
                },
                WatchedService.UNANSWERED);

        sleeper.get().handle().destroyForcibly();

        String last = watch.failure().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(restarts).hasValue(WatchedService.TRIES);
        assertThat(last)
                .isEqualTo("noko: the sleeper could not be restarted (3 tries; the last: sleeper exited with 1);"
                        + " its log: " + sleeper.get().log() + "; stopping everything");
        assertThat(console)
                .containsExactly("noko: the sleeper stopped unexpectedly (exit code 137); restarting it", last);
    }

    @Test
    void aServiceThatRunsButLeavesItsPortSilentIsTakenForHungAndRestarted() throws Exception {
        ChildProcess hung = sleeper.get();
        int silentPort = port.getLocalPort();
        port.close();
        watch = watch(
                () -> {
                    restarts.incrementAndGet();
                    sleeper.set(startSleeping());
                },
                Duration.ofSeconds(2));

        awaitLine("noko: the sleeper is back after ");
        assertThat(console.get(0))
                .matches("noko: the sleeper has not answered on port " + silentPort + " for \\d+ s; restarting it");
        assertThat(hung.isAlive()).as("the hung process was killed").isFalse();
    }

    @Test
    void aFrozenServiceWhosePortStillTakesConnectionsIsTakenForHungAndRestarted() throws Exception {
        int httpPort = ChildProcess.freePort();
        AtomicReference<ChildProcess> server = new AtomicReference<>(startAnswering(httpPort));
        try {
            watch = ServiceWatch.start(
                    List.of(new WatchedService(
                            "the stand-in",
                            () -> Optional.ofNullable(server.get()),
                            ServiceProbe.http(httpPort, "/alive"),
                            () -> {
                                restarts.incrementAndGet();
                                server.set(startAnswering(httpPort));
                            },
                            Duration.ofSeconds(3))),
                    console::add);
            Thread.sleep(ServiceWatch.INTERVAL.multipliedBy(3).toMillis());
            assertThat(console).as("a service that answers is left alone").isEmpty();
            ChildProcess frozen = server.get();

            signal("STOP", frozen);
            long stopped = System.nanoTime();
            assertThat(ChildProcess.listening(httpPort, 1000))
                    .as("the kernel still takes connections for a stopped process: a port check sees nothing wrong")
                    .isTrue();

            awaitLine("noko: the stand-in has not answered ");
            System.out.println("a frozen stand-in was taken for hung "
                    + Duration.ofNanos(System.nanoTime() - stopped).toMillis() + " ms after SIGSTOP (limit 3 s)");
            awaitLine("noko: the stand-in is back after ");
            assertThat(console.get(0))
                    .matches("noko: the stand-in has not answered to GET /alive on port " + httpPort
                            + " for \\d+ s; restarting it");
            assertThat(console).hasSize(2);
            assertThat(frozen.isAlive()).as("the frozen process was killed").isFalse();
            assertThat(restarts).hasValue(1);
            assertThat(ServiceProbe.http(httpPort, "/alive").answers()).isTrue();
            assertThat(watch.failure()).isNotDone();
        } finally {
            watch.close();
            server.get().kill();
        }
    }

    @Test
    void aClosedWatchStartsNothing() throws Exception {
        watch = watch(
                () -> {
                    restarts.incrementAndGet();
                    sleeper.set(startSleeping());
                },
                WatchedService.UNANSWERED);
        watch.close();

        sleeper.get().handle().destroyForcibly();
        sleeper.get().handle().onExit().get(10, TimeUnit.SECONDS);
        Thread.sleep(ServiceWatch.INTERVAL.multipliedBy(3).toMillis());

        assertThat(console).isEmpty();
        assertThat(restarts).hasValue(0);
    }

    private ServiceWatch watch(Runnable restart, Duration unanswered) {
        return ServiceWatch.start(
                List.of(new WatchedService(
                        "the sleeper",
                        () -> Optional.ofNullable(sleeper.get()),
                        port.getLocalPort(),
                        restart,
                        unanswered)),
                console::add);
    }

    /**
     * A stand-in that answers HTTP ({@code GET /alive}: 200) from a child JVM of its own, so that it can be stopped
     * with a signal as a real service would be.
     */
    private ChildProcess startAnswering(int httpPort) {
        Path source = folder.resolve("StandIn.java");
        try {
            Files.writeString(source, """
                    import com.sun.net.httpserver.HttpServer;
                    import java.net.InetAddress;
                    import java.net.InetSocketAddress;

                    public class StandIn {
                        public static void main(String[] args) throws Exception {
                            HttpServer server = HttpServer.create(
                                    new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 50);
                            server.createContext("/alive", exchange -> {
                                exchange.sendResponseHeaders(200, -1);
                                exchange.close();
                            });
                            server.start();
                        }
                    }
                    """);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ChildProcess child = ChildProcess.start(
                "stand-in",
                List.of(ChildProcess.javaExecutable(), "-Xmx64m", source.toString(), String.valueOf(httpPort)),
                folder.resolve("stand-in.log"));
        child.awaitReady(WAIT, ServiceProbe.http(httpPort, "/alive")::answers);
        return child;
    }

    private static void signal(String signal, ChildProcess process) throws Exception {
        Process kill = new ProcessBuilder(
                        "kill", "-" + signal, String.valueOf(process.handle().pid()))
                .inheritIO()
                .start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    private ChildProcess startSleeping() {
        return ChildProcess.start("sleeper", List.of("sleep", "600"), folder.resolve("sleeper.log"));
    }

    private void awaitLine(String start) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (console.stream().noneMatch(line -> line.startsWith(start))) {
            assertThat(Instant.now())
                    .as("'" + start + "' said; the console: " + console)
                    .isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
