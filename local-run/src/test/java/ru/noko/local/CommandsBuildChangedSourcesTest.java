package ru.noko.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./noko score} and {@code ./noko publish} run what the sources say: when a source of the module they run, or
 * of a module it needs, is newer than the jar the module last built, they build first; when nothing changed they
 * start at once. A stand-in for {@code mvn} on the PATH notes what the launcher asks of Maven, so the test builds
 * nothing itself; the jars' times are put back afterwards.
 */
class CommandsBuildChangedSourcesTest {

    private static final Path ROOT =
            Path.of(System.getProperty("noko.projectRoot", "..")).toAbsolutePath();
    private static final Path EXAMPLES = ROOT.resolve("examples/noko");
    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2000-01-01T00:00:00Z"));

    @TempDir
    Path folder;

    private final List<Path> touched = new ArrayList<>();
    private final List<FileTime> times = new ArrayList<>();

    @BeforeEach
    void standInForMaven() throws IOException {
        Path mvn = Files.createDirectories(folder.resolve("bin")).resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\necho \"$*\" >> '" + folder.resolve("maven.log") + "'\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        // The local run's class path, which publish runs on, counts as built whatever the poms' times.
        setTime(ROOT.resolve("local-run/target/run.classpath"), FileTime.from(Instant.now()));
    }

    @AfterEach
    void putTimesBack() throws IOException {
        for (int i = touched.size() - 1; i >= 0; i--) {
            Files.setLastModifiedTime(touched.get(i), times.get(i));
        }
    }

    @Test
    void scoreBuildsTheMethodologyFirstWhenItsSourcesAreNewerThanItsJar() throws Exception {
        setTime(jar("methodology"), LONG_AGO);

        String output = run(
                0,
                "score",
                "--instrument",
                "noko-education",
                "--model",
                "noko-education",
                "--registry",
                EXAMPLES.resolve("registry.csv").toString(),
                "--responses",
                EXAMPLES.resolve("responses.jsonl").toString(),
                "--output",
                folder.resolve("result.json").toString());

        assertThat(mavenCalls())
                .containsExactly("-B --no-transfer-progress -q -DskipTests install -pl methodology -am");
        assertThat(output)
                .contains("принято ответов — 65, отклонено строк — 2; результат записан в "
                        + folder.resolve("result.json"));
    }

    @Test
    void scoreStartsAtOnceWhenNothingChangedSinceTheLastBuild() throws Exception {
        setTime(jar("methodology"), FileTime.from(Instant.now()));

        run(
                0,
                "score",
                "--instrument",
                "noko-education",
                "--model",
                "noko-education",
                "--registry",
                EXAMPLES.resolve("registry.csv").toString(),
                "--responses",
                EXAMPLES.resolve("responses.jsonl").toString(),
                "--output",
                folder.resolve("result.json").toString(),
                "--edition",
                "a");

        assertThat(mavenCalls()).isEmpty();
        assertThat(Files.readString(folder.resolve("result.json"))).contains("\"edition\" : \"A\"");
    }

    @Test
    void publishBuildsThePipelineAndWhatItNeedsFirstWhenTheirSourcesAreNewerThanItsJar() throws Exception {
        setTime(jar("pipeline"), LONG_AGO);

        String output = run(
                2, "publish", "--registry", folder.resolve("no-registry.csv").toString(), "--bootstrap", "127.0.0.1:9");

        assertThat(mavenCalls()).containsExactly("-B --no-transfer-progress -q -DskipTests install -pl pipeline -am");
        assertThat(output)
                .contains(folder.resolve("no-registry.csv") + ": файл не найден")
                .contains("ничего не опубликовано");
    }

    /** Runs {@code ./noko} with the stand-in first on the PATH; returns what it printed on both outputs. */
    private String run(int expectedExit, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("noko").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().put("PATH", folder.resolve("bin") + ":" + System.getenv("PATH"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(expectedExit);
        return output;
    }

    private List<String> mavenCalls() throws IOException {
        Path log = folder.resolve("maven.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** The jar the module's last build packaged. */
    private static Path jar(String module) throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve(module).resolve("target"))) {
            return files.filter(
                            file -> file.getFileName().toString().matches(module + "-[0-9][0-9.]*(-SNAPSHOT)?\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(module + " has not been built"));
        }
    }

    private void setTime(Path file, FileTime time) throws IOException {
        touched.add(file);
        times.add(Files.getLastModifiedTime(file));
        Files.setLastModifiedTime(file, time);
    }
}
