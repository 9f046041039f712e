package ru.noko.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import ru.noko.local.LocalSystem;

/**
 * The portal under load: every session on a thread of its own, one request after another until the time is up; what
 * each request kind measured, and the CPU the portal, PostgreSQL, the clients and the machine spent.
 */
final class PortalLoad {
    private final LocalSystem system;
    private final Map<String, String> errorsSeen = new ConcurrentHashMap<>();

    private final int pause;

    PortalLoad(LocalSystem system, int pause) {
        this.system = system;
        this.pause = pause;
    }

    /** What the machine does without the load: the system's own background and whatever else runs. */
    void idle(int seconds) throws Exception {
        PortalCpu before = PortalCpu.now(system);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double elapsed = (System.nanoTime() - start) / 1e6;
        PortalCpu used = PortalCpu.now(system).minus(before);
        BenchLines.line(
                "machine without load, " + seconds + " s",
                String.format(
                        Locale.ROOT,
                        "busy %.0f %% of %d cores (portal %.1f %%, PostgreSQL %.1f %%, benchmark JVM %.1f %%)",
                        100 * used.machineMs() / elapsed / Runtime.getRuntime().availableProcessors(),
                        Runtime.getRuntime().availableProcessors(),
                        100 * used.portalMs() / elapsed,
                        100 * used.postgresMs() / elapsed,
                        100 * used.clientMs() / elapsed));
    }

    /** One session, one request at a time: the service time when nobody else asks. */
    void single(Scenario scenario, int requests) throws Exception {
        PortalSession session = scenario.sessions().get(0);
        Random random = new Random(11);
        Map<String, List<Long>> byKind = new TreeMap<>();
        for (int i = 0; i < requests * 2; i++) {
            Request request = scenario.next().apply(random);
            long start = System.nanoTime();
            PortalSession.Answer answer = session.timed(request.path());
            long took = System.nanoTime() - start;
            if (answer.status() != 200) {
                throw new IllegalStateException(request.path() + " answered " + answer.status());
            }
            if (i >= requests) {
                // The first half warms the path up.
                byKind.computeIfAbsent(request.kind(), k -> new ArrayList<>()).add(took);
            }
        }
        byKind.forEach((kind, took) -> {
            long[] sorted = took.stream().mapToLong(Long::longValue).sorted().toArray();
            BenchLines.line(
                    "one user alone, " + kind,
                    String.format(
                            Locale.ROOT,
                            "%d requests: p50 %.1f ms, max %.1f ms",
                            sorted.length,
                            sorted[(sorted.length - 1) / 2] / 1e6,
                            sorted[sorted.length - 1] / 1e6));
        });
    }

    /** The scenario for {@code seconds}; round 0 is the warm-up, reported but not counted. */
    Measured run(Scenario scenario, int seconds, int round) throws Exception {
        int users = scenario.sessions().size();
        ExecutorService threads = Executors.newFixedThreadPool(users);
        CountDownLatch ready = new CountDownLatch(users);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Map<String, Part>>> results = new ArrayList<>();
        long[] deadline = new long[1];
        for (int u = 0; u < users; u++) {
            PortalSession session = scenario.sessions().get(u);
            Random random = new Random(round * 1000L + u);
            results.add(threads.submit(() -> {
                Map<String, Part> parts = new HashMap<>();
                ready.countDown();
                go.await();
                while (System.nanoTime() < deadline[0]) {
                    Request request = scenario.next().apply(random);
                    Part part = parts.computeIfAbsent(request.kind(), k -> new Part());
                    long start = System.nanoTime();
                    try {
                        PortalSession.Answer answer = session.timed(request.path());
                        long took = System.nanoTime() - start;
                        if (answer.status() == 200) {
                            part.add(took, answer.bytes());
                        } else {
                            part.errors++;
                            errorsSeen.putIfAbsent(request.kind() + " " + answer.status(), request.path());
                        }
                    } catch (IOException e) {
                        part.errors++;
                        errorsSeen.putIfAbsent(request.kind() + " " + e, request.path());
                    }
                    if (pause > 0) {
                        Thread.sleep(pause);
                    }
                }
                return parts;
            }));
        }
        ready.await();
        PortalCpu before = PortalCpu.now(system);
        long start = System.nanoTime();
        deadline[0] = start + TimeUnit.SECONDS.toNanos(seconds);
        go.countDown();
        Map<String, Part> merged = new TreeMap<>();
        for (Future<Map<String, Part>> result : results) {
            result.get().forEach((kind, part) -> merged.merge(kind, part, Part::plus));
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        PortalCpu used = PortalCpu.now(system).minus(before);
        threads.shutdown();
        Map<String, Measured> kinds = new TreeMap<>();
        merged.forEach((kind, part) -> kinds.put(kind, part.measured(scenario.name() + ": " + kind, elapsed)));
        Part all = merged.values().stream().reduce(new Part(), Part::plus);
        Measured measured = new Measured(
                scenario.name(),
                all.sorted(),
                all.errors,
                all.bytes,
                elapsed,
                used.portalMs(),
                used.postgresMs(),
                used.clientMs(),
                used.machineMs(),
                kinds.size() > 1 ? kinds : Map.of());
        BenchLines.line(
                scenario.name() + (round == 0 ? ", warm-up (not counted)" : ", round " + round), measured.describe());
        if (!errorsSeen.isEmpty()) {
            BenchLines.line("errors seen so far", errorsSeen.toString());
        }
        return measured;
    }

    record Request(String kind, String path) {}

    record Scenario(String name, List<PortalSession> sessions, Function<Random, Request> next) {}

    /** Latencies (ns) of the requests that answered 200, errors, bytes, and CPU spent, of one or more rounds. */
    record Measured(
            String name,
            long[] latencies,
            long errors,
            long bytes,
            double seconds,
            double portalCpuMs,
            double postgresCpuMs,
            double clientCpuMs,
            double machineCpuMs,
            Map<String, Measured> byKind) {

        Measured plus(Measured other) {
            Map<String, Measured> kinds = new TreeMap<>(byKind);
            other.byKind.forEach((kind, part) -> kinds.merge(kind, part, Measured::plus));
            long[] all = Arrays.copyOf(latencies, latencies.length + other.latencies.length);
            System.arraycopy(other.latencies, 0, all, latencies.length, other.latencies.length);
            Arrays.sort(all);
            return new Measured(
                    name,
                    all,
                    errors + other.errors,
                    bytes + other.bytes,
                    seconds + other.seconds,
                    portalCpuMs + other.portalCpuMs,
                    postgresCpuMs + other.postgresCpuMs,
                    clientCpuMs + other.clientCpuMs,
                    machineCpuMs + other.machineCpuMs,
                    kinds);
        }

        long requests() {
            return latencies.length + errors;
        }

        double ms(int percent) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percent / 100.0 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(latencies.length - 1, index))] / 1e6;
        }

        String describe() {
            long n = requests();
            String cpu = portalCpuMs > 0
                    ? String.format(
                            Locale.ROOT,
                            "; CPU per request: portal %.2f ms, PostgreSQL %.2f ms, benchmark JVM (clients) %.2f ms,"
                                    + " machine %.2f ms",
                            portalCpuMs / Math.max(1, n),
                            postgresCpuMs / Math.max(1, n),
                            clientCpuMs / Math.max(1, n),
                            machineCpuMs / Math.max(1, n))
                    : "";
            return String.format(
                    Locale.ROOT,
                    "%d requests, %.1f/s; p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; errors %d; %.0f KiB"
                            + " per page%s",
                    n,
                    n / seconds,
                    ms(50),
                    ms(95),
                    ms(99),
                    ms(100),
                    errors,
                    bytes / 1024.0 / Math.max(1, latencies.length),
                    cpu);
        }
    }

    static void summary(Measured measured, Measured baseline) {
        BenchLines.line(
                "summary, " + measured.name(),
                measured.describe()
                        + String.format(
                                Locale.ROOT,
                                "; to the baseline: p50 %.2f, p95 %.2f; p95 under 200 ms: %s",
                                measured.ms(50) / baseline.ms(50),
                                measured.ms(95) / baseline.ms(95),
                                measured.ms(95) < 200 && measured.errors() == 0 ? "yes" : "NO"));
    }

    /** One kind of request's results on one thread, then merged. */
    private static final class Part {
        long[] latencies = new long[1024];
        int count;
        long errors;
        long bytes;

        void add(long nanos, long size) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
            bytes += size;
        }

        Part plus(Part other) {
            Part sum = new Part();
            sum.latencies = Arrays.copyOf(latencies, count + other.count);
            System.arraycopy(other.latencies, 0, sum.latencies, count, other.count);
            sum.count = count + other.count;
            sum.errors = errors + other.errors;
            sum.bytes = bytes + other.bytes;
            return sum;
        }

        long[] sorted() {
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            return sorted;
        }

        /** One kind of request of a scenario whose kinds ran together: no CPU of its own. */
        Measured measured(String name, double seconds) {
            return new Measured(name, sorted(), errors, bytes, seconds, 0, 0, 0, 0, Map.of());
        }
    }
}
