package ru.noko.export.files;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * One measured write of the synthetic export with one XLSX library, in a JVM of its own (bench/xlsx-writers.sh starts
 * one per library and run, alternately, and a few more to find the smallest heap that suffices). Prints one line
 * starting with BENCH: the write's wall time, cold JIT included as in a one-off export; the heap the model holds
 * before writing (after a full GC); what the writing thread allocated (the garbage collector's work); the most heap in
 * use at once (just before a collection, or at the end); the file's size.
 *
 * <pre>java -Xmx… -cp … ru.noko.export.files.XlsxWritersBenchmark fastexcel|sxssf organizations output.xlsx</pre>
 */
public final class XlsxWritersBenchmark {

    private XlsxWritersBenchmark() {}

    public static void main(String[] args) throws Exception {
        String library = args[0];
        int organizations = Integer.parseInt(args[1]);
        Path output = Path.of(args[2]);
        Files.deleteIfExists(output);

        Workbook workbook = SyntheticExport.workbook(organizations);
        System.gc();
        System.gc();
        long model = heapUsed();

        AtomicLong usedBeforeGc = new AtomicLong(model);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc)
                    .addNotificationListener(
                            (notification, handback) -> {
                                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                                        notification.getType())) {
                                    GcInfo info = GarbageCollectionNotificationInfo.from(
                                                    (CompositeData) notification.getUserData())
                                            .getGcInfo();
                                    usedBeforeGc.accumulateAndGet(sum(info.getMemoryUsageBeforeGc()), Math::max);
                                }
                            },
                            null,
                            null);
        }

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        switch (library) {
            case "fastexcel" -> XlsxWriter.write(workbook, output);
            case "sxssf" -> SxssfXlsxWriter.write(workbook, output);
            default -> throw new IllegalArgumentException("library: fastexcel or sxssf, not " + library);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        usedBeforeGc.accumulateAndGet(heapUsed(), Math::max);
        Thread.sleep(200); // the last collection's notification arrives on another thread

        System.out.printf(
                Locale.ROOT,
                "BENCH library=%s organizations=%d rows=%d seconds=%.3f model_mib=%.1f allocated_mib=%.0f"
                        + " peak_used_mib=%.1f bytes=%d max_heap_mib=%.0f%n",
                library,
                organizations,
                workbook.sheets().stream().mapToInt(s -> s.rows().size()).sum(),
                seconds,
                mib(model),
                mib(allocated),
                mib(usedBeforeGc.get()),
                Files.size(output),
                mib(Runtime.getRuntime().maxMemory()));
    }

    private static long heapUsed() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    /** The heap pools' usage; GcInfo lists the non-heap pools too. */
    private static long sum(Map<String, MemoryUsage> pools) {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage usage = pools.get(pool.getName());
            if (pool.getType() == MemoryType.HEAP && usage != null) {
                used += usage.getUsed();
            }
        }
        return used;
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
