package ru.noko.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import ru.noko.local.LocalSystem;

/** CPU time in ms: the portal's process, PostgreSQL's processes, this JVM (the clients), the whole machine. */
record PortalCpu(double portalMs, double postgresMs, double clientMs, double machineMs) {

    static PortalCpu now(LocalSystem system) throws IOException {
        double postgres = 0;
        ProcessHandle server = system.postgresProcess();
        postgres += processMs(server.pid());
        for (ProcessHandle child : server.descendants().toList()) {
            postgres += processMs(child.pid());
        }
        return new PortalCpu(
                processMs(system.portalProcess().pid()),
                postgres,
                processMs(ProcessHandle.current().pid()),
                MachineCpu.busyMillis());
    }

    PortalCpu minus(PortalCpu before) {
        return new PortalCpu(
                portalMs - before.portalMs,
                postgresMs - before.postgresMs,
                clientMs - before.clientMs,
                machineMs - before.machineMs);
    }

    /** utime + stime (own, and of children waited for) from /proc/<pid>/stat; 0 once the process is gone. */
    private static double processMs(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the command: state(0) ... utime(11) stime(12) cutime(13) cstime(14), in clock ticks (100/s).
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
