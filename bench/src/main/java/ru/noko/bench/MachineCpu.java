package ru.noko.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's busy CPU time from /proc/stat, in milliseconds (all cores, all processes). */
final class MachineCpu {

    private MachineCpu() {}

    static long busyMillis() throws IOException {
        String[] fields =
                Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        // user nice system idle iowait irq softirq steal: everything but idle and iowait.
        for (int i = 1; i < Math.min(fields.length, 9); i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(fields[i]);
            }
        }
        return busy * 1000 / 100;
    }
}
