package ru.noko.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Servers that an earlier run on the same data folder left running: its launcher was killed with SIGKILL, or the
 * machine's session ended, so no shutdown hook stopped them. They are found by the file of this run's folder that
 * their command line names (a configuration file, the gateway's folder), which no other program's does, and stopped:
 * never reused, since they were started with another run's settings and are no child of this one, so nothing would
 * watch or stop them.
 */
final class LeftoverServers {

    private static final long GRACEFUL_SECONDS = 30;
    private static final long KILL_SECONDS = 10;

    /** One kind of server of ours and how its command line shows that it is ours. */
    record Kind(String description, Path folder, Predicate<List<String>> commandLineIsOurs) {}

    private LeftoverServers() {}

    /** The servers the local run starts, in the order they are stopped (the reverse of starting). */
    static List<Kind> of(LocalSettings settings, Path clickHouseConfig, Path kafkaConfig, Path postgresData) {
        String gatewayMarker = GatewayProcess.folderArgument(settings.home().resolve("gateway"));
        String portalMarker = PortalProcess.folderArgument(settings.home().resolve("portal"));
        return List.of(
                new Kind(
                        "the portal", settings.home().resolve("portal"), arguments -> arguments.contains(portalMarker)),
                new Kind(
                        "the gateway",
                        settings.home().resolve("gateway"),
                        arguments -> arguments.contains(gatewayMarker)),
                new Kind(
                        "the PostgreSQL server",
                        postgresData,
                        arguments -> arguments.contains("-D") && arguments.contains(postgresData.toString())),
                new Kind(
                        "the Kafka broker",
                        kafkaConfig.getParent(),
                        arguments -> arguments.contains("kafka.Kafka") && arguments.contains(kafkaConfig.toString())),
                new Kind(
                        "the ClickHouse server",
                        clickHouseConfig.getParent(),
                        arguments -> arguments.stream()
                                .anyMatch(argument -> argument.equals(clickHouseConfig.toString())
                                        || argument.equals("--config-file=" + clickHouseConfig))));
    }

    /**
     * Stops every process of the given kinds, saying so in one line each.
     *
     * @throws RunFailure when one does not end even after SIGKILL
     */
    static void stop(List<Kind> kinds, Consumer<String> say) {
        for (Kind kind : kinds) {
            List<ProcessHandle> found = ProcessHandle.allProcesses()
                    .filter(process -> process.pid() != ProcessHandle.current().pid())
                    .filter(process -> kind.commandLineIsOurs().test(arguments(process)))
                    .toList();
            for (ProcessHandle process : found) {
                refuseIfAnotherRunOwns(process, kind);
                end(process, kind);
                say.accept("noko: stopped " + kind.description() + " that an earlier run left running on "
                        + kind.folder() + " (pid " + process.pid() + ")");
            }
        }
    }

    /** A server whose launcher still runs is no leftover: two runs on one data folder would fight over it. */
    private static void refuseIfAnotherRunOwns(ProcessHandle process, Kind kind) {
        process.parent()
                .filter(parent -> arguments(parent).contains(LocalRun.class.getName()))
                .ifPresent(launcher -> {
                    throw new RunFailure("another noko run (pid " + launcher.pid() + ") uses " + kind.folder()
                            + "; stop it first (Ctrl-C), or give this run another NOKO_HOME");
                });
    }

    /**
     * A process's arguments. From /proc where there is one: the JDK reads only a command line's first 4 KB there and
     * gives no arguments for a longer one, such as the Kafka broker's with its class path.
     */
    static List<String> arguments(ProcessHandle process) {
        Path cmdline = Path.of("/proc", String.valueOf(process.pid()), "cmdline");
        try {
            String text = Files.readString(cmdline, StandardCharsets.UTF_8);
            List<String> all = List.of(text.split("\0"));
            return all.isEmpty() ? all : all.subList(1, all.size());
        } catch (IOException | UncheckedIOException e) {
            return process.info().arguments().map(List::of).orElse(List.of());
        }
    }

    private static void end(ProcessHandle process, Kind kind) {
        process.destroy();
        if (awaitExit(process, GRACEFUL_SECONDS)) {
            return;
        }
        process.destroyForcibly();
        if (!awaitExit(process, KILL_SECONDS)) {
            throw new RunFailure(kind.description() + " that an earlier run left running on " + kind.folder() + " (pid "
                    + process.pid() + ") does not stop; stop it by hand");
        }
    }

    private static boolean awaitExit(ProcessHandle process, long seconds) {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
