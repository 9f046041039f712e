package ru.noko.export.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.noko.export.inputs.FileInputs;
import ru.noko.export.ranking.Exporter;
import ru.noko.methodology.campaign.Campaigns;

/**
 * The server's exporter loop: one log line per export written or failed, a heartbeat file touched after every check,
 * and a stop that returns once the loop has finished.
 */
class ScheduleLoopTest {

    private static final Path EXAMPLES =
            Path.of(System.getProperty("noko.projectRoot", "..")).resolve("examples/noko");

    @TempDir
    Path work;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @Test
    void aDueExportIsWrittenAndLoggedInOneLineAndTheHeartbeatIsTouched() throws Exception {
        ExportScheduleTest.MovableClock clock =
                new ExportScheduleTest.MovableClock(Instant.parse("2026-04-01T05:59:00Z"));
        ExportSchedule schedule = new ExportSchedule(
                clock,
                Campaigns.load(Optional.empty()),
                new Exporter(work.resolve("exports"), "test"),
                (campaign, cutOff) -> FileInputs.read(
                        campaign,
                        EXAMPLES.resolve("registry.csv"),
                        EXAMPLES.resolve("responses.jsonl"),
                        EXAMPLES.resolve("self-assessment.json")));
        clock.advance(Duration.ofMinutes(2));
        Path heartbeat = work.resolve("heartbeat");

        ScheduleLoop loop = loop(schedule, heartbeat);
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> run(loop));
        awaitLine("выгрузка записана: demo-2026-noko/20260401T060000Z");
        assertThat(loop.stop(Duration.ofSeconds(10))).as("stopped in time").isTrue();
        running.get(10, TimeUnit.SECONDS);

        assertThat(lines())
                .filteredOn(line -> line.contains("выгрузка записана"))
                .singleElement()
                .asString()
                .startsWith("export: ");
        assertThat(lines()).last().asString().contains("остановлено");
        assertThat(work.resolve("exports/demo-2026-noko/20260401T060000Z/manifest.json"))
                .isRegularFile();
        assertThat(Files.getLastModifiedTime(heartbeat).toInstant())
                .isAfter(Instant.now().minusSeconds(60));
    }

    @Test
    void aFailedExportIsLoggedWithItsCampaignAndCutOffAndTheLoopGoesOn() throws Exception {
        ExportScheduleTest.MovableClock clock =
                new ExportScheduleTest.MovableClock(Instant.parse("2026-04-01T05:59:00Z"));
        ExportSchedule schedule = new ExportSchedule(
                clock,
                Campaigns.load(Optional.empty()),
                new Exporter(work.resolve("exports"), "test"),
                (campaign, cutOff) -> {
                    throw new java.sql.SQLException("Connection refused");
                });
        clock.advance(Duration.ofMinutes(2));
        Path heartbeat = work.resolve("heartbeat");
        Files.createFile(heartbeat);
        Files.setLastModifiedTime(heartbeat, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));

        ScheduleLoop loop = loop(schedule, heartbeat);
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> run(loop));
        awaitLine("2026-04-01T06:00:00Z не записана: Connection refused");
        // Still alive: the next checks touch the heartbeat as before.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Files.getLastModifiedTime(heartbeat)
                .toInstant()
                .isBefore(Instant.now().minusSeconds(60))) {
            assertThat(System.nanoTime()).as("heartbeat touched").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(loop.stop(Duration.ofSeconds(10))).isTrue();
        running.get(10, TimeUnit.SECONDS);
        assertThat(lines())
                .filteredOn(line -> line.contains("не записана"))
                .singleElement()
                .asString()
                .contains("demo-2026-noko");
    }

    private ScheduleLoop loop(ExportSchedule schedule, Path heartbeat) {
        return new ScheduleLoop(
                schedule,
                Duration.ofMillis(50),
                Optional.of(heartbeat),
                folder -> folder.getParent().getFileName() + "/" + folder.getFileName(),
                new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    private static void run(ScheduleLoop loop) {
        try {
            loop.run();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitLine(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (lines().stream().noneMatch(line -> line.contains(text))) {
            assertThat(System.nanoTime())
                    .as("a line with «" + text + "» in\n" + log)
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private java.util.List<String> lines() {
        synchronized (log) {
            return log.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }
}
