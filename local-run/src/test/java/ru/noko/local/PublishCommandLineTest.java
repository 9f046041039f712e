package ru.noko.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./noko publish} as an operator runs it, on the launcher's class path (where Flink and Kafka bring their own
 * libraries): a registry with a wrong INN is reported by line and nothing is sent. The Kafka part is tested against
 * a real broker in the pipeline module.
 */
class PublishCommandLineTest {

    @Test
    void aRegistryWithAWrongInnIsReportedByLineAndNothingIsPublished(@TempDir Path folder) throws Exception {
        Path root = Path.of(System.getProperty("noko.projectRoot", "..")).toAbsolutePath();
        List<String> lines = new ArrayList<>(Files.readAllLines(root.resolve("examples/noko/registry.csv")));
        lines.set(1, lines.get(1).replace("3808012348", "3808012349"));
        Path registry = folder.resolve("registry.csv");
        Files.write(registry, lines);

        Process publish = new ProcessBuilder(
                        root.resolve("noko").toString(),
                        "publish",
                        "--registry",
                        registry.toString(),
                        "--bootstrap",
                        "127.0.0.1:9")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .start();
        assertThat(publish.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(publish.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(publish.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains(registry + ":2").contains("ИНН").contains("ничего не опубликовано");
    }
}
