package ru.noko.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM that made scratch folders leaves none behind, unless asked to keep them. */
class ScratchFoldersTest {

    @Test
    void aJvmsScratchFoldersAreGoneWhenItExits() throws Exception {
        Path folder = scratchOfAJvmThatExits(false);

        assertThat(folder).doesNotExist();
    }

    @Test
    void theyStayWhenAskedToBeKeptForALookAfterAFailure() throws Exception {
        Path folder = scratchOfAJvmThatExits(true);

        assertThat(folder.resolve("data/part.bin")).exists();
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        }
    }

    private static Path scratchOfAJvmThatExits(boolean keep) throws Exception {
        Process jvm = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dnoko.keepScratch=" + keep,
                        "-cp",
                        System.getProperty("java.class.path"),
                        MakesScratch.class.getName()))
                .redirectErrorStream(true)
                .start();
        assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String printed = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(jvm.exitValue()).as(printed).isZero();
        return Path.of(printed.lines().reduce((first, last) -> last).orElseThrow());
    }

    /** Makes a scratch folder with a file in a subfolder, prints its path and exits. */
    static final class MakesScratch {

        public static void main(String[] args) throws Exception {
            Path folder = DevStack.scratch("scratch-test");
            Files.createDirectories(folder.resolve("data"));
            Files.write(folder.resolve("data/part.bin"), new byte[1024]);
            System.out.println(folder);
        }
    }
}
