package ru.noko.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ru.noko.devstack.DevStack;
import ru.noko.local.LocalSettings;
import ru.noko.local.LocalSystem;
import ru.noko.local.QuestionnaireTokens;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/**
 * {@code bench/verdict-latency.sh}: the whole local system as {@code ./noko run} starts it (default settings), and
 * how long a respondent's answer waits for its anti-fraud verdict: responses posted to the survey endpoint at a
 * steady rate, each timed from just before its POST (so at or before the gateway's receivedAt) to the moment its row
 * in {@code response_verdicts} is first seen (ClickHouse polled every 100 ms). First at 1 per second on an otherwise
 * idle system — most partitions quiet, the watermark moved by catching up with the clock — then at 200 per second.
 */
public final class VerdictLatencyBenchmark {

    private static final Pattern RESPONSE_ID = Pattern.compile("\"responseId\"\\s*:\\s*\"([^\"]+)\"");

    private VerdictLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int slowSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 120;
        int fastSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path gatewayJar = Path.of(System.getProperty("noko.gatewayJar"));
        LocalSettings settings = LocalSettings.onFreePorts(
                DevStack.scratch("verdict-latency"),
                gatewayJar,
                Path.of(System.getProperty("noko.portalJar", "missing")).toAbsolutePath(),
                "noko_latency",
                4,
                "bench-key-0123456789-0123456789-0123456789");
        try (LocalSystem system = new LocalSystem(settings).start()) {
            Probes probes = new Probes(system.gatewayUri(), system.clickHouseTarget());
            // Every partition has seen a response and gone quiet again: the steady state of a running system.
            probes.run(8, 8, "warm-up");
            Thread.sleep(10_000);
            report("1 response/s, otherwise idle", probes.run(1, slowSeconds, "slow"));
            report("200 responses/s", probes.run(200, fastSeconds * 200, "fast"));
        }
    }

    private static void report(String load, List<Long> latencies) {
        latencies.sort(Long::compare);
        System.out.println("BENCH | verdict latency, " + load + " | " + latencies.size() + " responses: p50 "
                + percentile(latencies, 50) + " ms, p95 " + percentile(latencies, 95) + " ms, max "
                + percentile(latencies, 100) + " ms |");
    }

    private static long percentile(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.isEmpty() ? -1 : sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** Posts responses at a steady rate and times each until its verdict is in ClickHouse. */
    private static final class Probes {
        private final URI endpoint;
        private final QuestionnaireTokens tokens;
        private final ClickHouseTarget clickHouse;
        private final HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private int next;

        Probes(URI gateway, ClickHouseTarget clickHouse) {
            this.endpoint = gateway.resolve("/api/v1/responses");
            this.tokens = new QuestionnaireTokens(http, gateway);
            this.clickHouse = clickHouse;
        }

        /** Posts {@code count} responses at {@code perSecond}, polling for their verdicts all along; the waits, in ms. */
        List<Long> run(int perSecond, int count, String label) throws Exception {
            Map<String, Long> pending = new ConcurrentHashMap<>();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean sending = new AtomicBoolean(true);
            Thread poller = new Thread(() -> poll(pending, latencies, sending), "verdict-poller");
            poller.start();
            ExecutorService posters = Executors.newFixedThreadPool(16);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long wait = start + (long) i * 1_000_000_000L / perSecond - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int n = next++;
                posters.submit(() -> {
                    // The questionnaire's token is asked for before the clock starts: it is the client's part.
                    String body = tokens.signed(body(n));
                    long before = System.currentTimeMillis();
                    pending.put(post(body), before);
                    return null;
                });
            }
            posters.shutdown();
            posters.awaitTermination(1, TimeUnit.MINUTES);
            sending.set(false);
            poller.join();
            if (!pending.isEmpty()) {
                System.out.println("BENCH | " + label + " | " + pending.size()
                        + " responses without a verdict a minute after the last was sent |");
            }
            return new ArrayList<>(latencies);
        }

        /** Every 100 ms, the pending responses whose verdicts are in; until none is pending after sending, or a minute. */
        private void poll(Map<String, Long> pending, List<Long> latencies, AtomicBoolean sending) {
            long deadline = Long.MAX_VALUE;
            try (Connection connection = DriverManager.getConnection(
                            clickHouse.jdbcUrl(), clickHouse.user(), clickHouse.password());
                    Statement statement = connection.createStatement()) {
                while (System.currentTimeMillis() < deadline && (sending.get() || !pending.isEmpty())) {
                    if (!sending.get() && deadline == Long.MAX_VALUE) {
                        deadline = System.currentTimeMillis() + 60_000;
                    }
                    if (!pending.isEmpty()) {
                        String ids = String.join("','", pending.keySet());
                        try (ResultSet rows = statement.executeQuery(
                                "SELECT response_id FROM response_verdicts WHERE response_id IN ('" + ids + "')")) {
                            long seen = System.currentTimeMillis();
                            while (rows.next()) {
                                Long sent = pending.remove(rows.getString(1));
                                if (sent != null) {
                                    latencies.add(seen - sent);
                                }
                            }
                        }
                    }
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                throw new IllegalStateException("polling ClickHouse failed", e);
            }
        }

        private static String body(int n) {
            Instant now = Instant.now();
            return "{\"campaignId\": \"demo-2026-noko\", \"organizationId\": \"latency-" + (n % 97) + "\","
                    + " \"respondentRole\": \"parent\", \"answers\": {\"q1\": false, \"q3\": false, \"q5\": true,"
                    + " \"q6\": false, \"q8\": true, \"q9\": true, \"q10\": false, \"q12\": true, \"q13\": true,"
                    + " \"q14\": true}, \"startedAt\": \"" + now.minusSeconds(300) + "\", \"submittedAt\": \"" + now
                    + "\", \"deviceToken\": \"latency-device-" + n + "-0123456789\"}";
        }

        private String post(String body) throws Exception {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(endpoint)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher id = RESPONSE_ID.matcher(answer.body());
            if (answer.statusCode() != 202 || !id.find()) {
                throw new IllegalStateException("the gateway answered " + answer.statusCode() + ": " + answer.body());
            }
            return id.group(1);
        }
    }
}
