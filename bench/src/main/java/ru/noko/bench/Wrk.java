package ru.noko.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One run of wrk against a URL, as the gateway and the public results benchmarks measure: accepted requests per second,
 * the latency percentiles wrk gives, and the CPU the machine and the server spent per request.
 */
final class Wrk {

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern LATENCY = Pattern.compile("^\\s+Latency\\s+\\S+\\s+\\S+\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|90|99)%\\s+(\\S+)", Pattern.MULTILINE);

    private Wrk() {}

    /** What one wrk run measured. */
    record Round(
            long requests,
            long refused,
            long socketErrors,
            double seconds,
            String p50,
            String p90,
            String p99,
            String max,
            double machineCpuMsPerRequest,
            double serverCpuMsPerRequest) {
        long accepted() {
            return requests - refused;
        }

        double perSecond() {
            return accepted() / seconds;
        }
    }

    /** One wrk run against {@code url}: with the script's requests, or plain GETs of the URL without one. */
    static Round run(
            String label,
            String url,
            Path script,
            int threads,
            int connections,
            int seconds,
            ProcessHandle server,
            Map<String, String> environment)
            throws Exception {
        long machineBefore = MachineCpu.busyMillis();
        long serverBefore = cpuMillis(server);
        long start = System.nanoTime();
        List<String> arguments = new ArrayList<>(List.of(
                "wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency", "--timeout", "10s"));
        if (script != null) {
            arguments.addAll(List.of("-s", script.toString()));
        }
        arguments.add(url);
        ProcessBuilder command = new ProcessBuilder(arguments).redirectErrorStream(true);
        command.environment().putAll(environment);
        Process wrk = command.start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(seconds + 60L, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long machine = MachineCpu.busyMillis() - machineBefore;
        long serverCpu = cpuMillis(server) - serverBefore;
        long requests = first(REQUESTS, output, 0);
        long refused = first(NON_2XX, output, 0);
        Matcher errors = SOCKET_ERRORS.matcher(output);
        long socketErrors = 0;
        if (errors.find()) {
            for (int group = 1; group <= 4; group++) {
                socketErrors += Long.parseLong(errors.group(group));
            }
        }
        Map<String, String> percentiles = new HashMap<>();
        Matcher percentile = PERCENTILE.matcher(output);
        while (percentile.find()) {
            percentiles.put(percentile.group(1), percentile.group(2));
        }
        Matcher latency = LATENCY.matcher(output);
        String max = latency.find() ? latency.group(1) : "?";
        double wrkSeconds = seconds;
        Round round = new Round(
                requests,
                refused,
                socketErrors,
                wrkSeconds,
                percentiles.getOrDefault("50", "?"),
                percentiles.getOrDefault("90", "?"),
                percentiles.getOrDefault("99", "?"),
                max,
                (double) machine / Math.max(1, requests),
                (double) serverCpu / Math.max(1, requests));
        BenchLines.line(
                label,
                String.format(
                        "%.0f accepted/s (%d requests, %d refused, %d socket errors in %.1f s); latency p50 %s,"
                                + " p90 %s, p99 %s, max %s; CPU per request: machine %.3f ms, server %.3f ms",
                        round.perSecond(),
                        requests,
                        refused,
                        socketErrors,
                        elapsed,
                        round.p50(),
                        round.p90(),
                        round.p99(),
                        round.max(),
                        round.machineCpuMsPerRequest(),
                        round.serverCpuMsPerRequest()));
        return round;
    }

    /** CPU time of a process and its descendants (nginx's workers), in milliseconds. */
    private static long cpuMillis(ProcessHandle process) {
        return Stream.concat(Stream.of(process), process.descendants())
                .mapToLong(
                        p -> p.info().totalCpuDuration().map(Duration::toMillis).orElse(0L))
                .sum();
    }

    private static long first(Pattern pattern, String text, long fallback) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : fallback;
    }
}
