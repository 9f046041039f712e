package ru.noko.local;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import ru.noko.export.cli.SoftwareVersion;
import ru.noko.export.inputs.StoredInputs;
import ru.noko.export.ranking.Exporter;
import ru.noko.export.schedule.ExportSchedule;

/**
 * The local run's export clock: once a minute, writes the ranking export of every campaign whose {@code
 * exportSchedule} fell due, from what ClickHouse holds, into {@code .noko/exports} (listed by {@code ./noko export
 * --list}). A failed export is reported in one line and tried again at the next due time.
 */
final class ScheduledExports implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "noko-exports");
        thread.setDaemon(true);
        return thread;
    });

    private ScheduledExports() {}

    static ScheduledExports start(LocalSystem system, Path exports) throws Exception {
        ExportSchedule schedule = new ExportSchedule(
                Clock.systemUTC(),
                system.campaigns(),
                new Exporter(exports, SoftwareVersion.current()),
                (campaign, cutOff) -> StoredInputs.read(system.clickHouseTarget(), campaign, cutOff));
        ScheduledExports scheduled = new ScheduledExports();
        scheduled.timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        schedule.runDue()
                                .forEach(folder -> System.out.println("noko: ranking export written: " + folder));
                    } catch (Exception e) {
                        System.out.println(
                                "noko: a scheduled export failed, next try at its next due time: " + e.getMessage());
                    }
                },
                1,
                1,
                TimeUnit.MINUTES);
        return scheduled;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
