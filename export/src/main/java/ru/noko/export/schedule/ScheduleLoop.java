package ru.noko.export.schedule;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs an export schedule until stopped: every {@code period}, writes what fell due and logs one line per export
 * written or failed. After every check it touches the heartbeat file, if there is one, so a container's health check
 * can tell a loop that runs from one that hangs. {@link #stop()} lets an export under way finish first.
 */
public final class ScheduleLoop {

    private final ExportSchedule schedule;
    private final Duration period;
    private final Optional<Path> heartbeat;
    private final Function<Path, String> location;
    private final PrintStream log;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    /**
     * @param location says where a written export's folder is kept (its S3 address on the server)
     */
    public ScheduleLoop(
            ExportSchedule schedule,
            Duration period,
            Optional<Path> heartbeat,
            Function<Path, String> location,
            PrintStream log) {
        this.schedule = schedule;
        this.period = period;
        this.heartbeat = heartbeat;
        this.location = location;
        this.log = log;
    }

    /** Checks the schedule every period until {@link #stop()}; returns then. */
    public void run() throws InterruptedException {
        try {
            log.println("export: расписание выгрузок запущено, кампании: " + String.join(", ", schedule.scheduled()));
            beat();
            do {
                checkOnce();
                beat();
            } while (!stopRequested.await(period.toMillis(), TimeUnit.MILLISECONDS));
            log.println("export: расписание выгрузок остановлено");
        } finally {
            stopped.countDown();
        }
    }

    /** Asks the loop to stop after the check under way, and waits for it up to {@code patience}. */
    public boolean stop(Duration patience) throws InterruptedException {
        stopRequested.countDown();
        return stopped.await(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkOnce() {
        try {
            for (Path folder : schedule.runDue()) {
                log.println("export: выгрузка записана: " + location.apply(folder));
            }
        } catch (ScheduledExportException e) {
            log.println("export: " + e.getMessage() + "; следующая попытка в следующий срок по расписанию");
        } catch (Exception e) {
            log.println("export: проверка расписания не удалась: " + e);
        }
    }

    private void beat() {
        if (heartbeat.isEmpty()) {
            return;
        }
        Path file = heartbeat.get();
        try {
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            // The wall clock, not the schedule's: the health check compares the file's age with the machine's time.
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException e) {
            log.println("export: не удалось обновить " + file + ": " + e.getMessage());
        }
    }
}
