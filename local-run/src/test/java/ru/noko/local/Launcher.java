package ru.noko.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code ./noko launch} (what {@code ./noko run} runs after its build step) as a person starts and stops it. */
final class Launcher {

    private Launcher() {}

    /** Starts {@code ./noko launch} with {@code arguments}, its console into {@code output}. */
    static Process launch(Path root, Map<String, String> environment, Path output, String... arguments)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(root.resolve("noko").toString(), "launch"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * What Ctrl-C does: SIGINT to the launcher's JVM, whose shutdown hook stops the rest. Asserts that it exits and that
     * none of its processes outlives it (killing any that does, so a failed test leaves nothing running).
     */
    static void ctrlC(Process run) throws Exception {
        List<ProcessHandle> children = run.descendants().toList();
        new ProcessBuilder("kill", "-INT", String.valueOf(run.pid())).start().waitFor();
        boolean exited = run.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            run.destroyForcibly();
        }
        List<ProcessHandle> survivors =
                children.stream().filter(ProcessHandle::isAlive).toList();
        children.forEach(ProcessHandle::destroyForcibly);
        assertThat(exited).as("launcher exits on Ctrl-C").isTrue();
        assertThat(survivors).as("no process of the run outlives it").isEmpty();
    }

    static void awaitOutput(Process run, Path output, String text, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            if (printed.contains(text)) {
                return;
            }
            assertThat(run.isAlive()).as("launcher died:\n" + printed).isTrue();
            Thread.sleep(250);
        }
        throw new AssertionError("'" + text + "' not printed within " + timeout + ":\n" + Files.readString(output));
    }

    static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
