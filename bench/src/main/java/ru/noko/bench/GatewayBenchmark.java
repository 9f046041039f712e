package ru.noko.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ru.noko.devstack.DevStack;
import ru.noko.devstack.process.ChildProcess;
import ru.noko.local.QuestionnaireTokens;

/**
 * {@code bench/gateway.sh}: how many survey responses the public endpoint accepts per second on this machine, against
 * an nginx answering 202 to the same requests, in the same run with the same wrk settings. Two set-ups: the gateway
 * with Kafka only (the endpoint's own capacity), and the whole local system (Flink and ClickHouse working on what
 * arrives). Rounds alternate gateway and nginx; each reports accepted/s, the latency percentiles wrk gives, the ratio
 * to nginx and the machine's CPU per request. At the end the records on the topic are counted: they must equal the
 * 202 answers the gateway gave plus the responses stored after their client had gone (when wrk stops, it drops the
 * connections with requests still waiting for Kafka), both from the gateway's own counters.
 */
public final class GatewayBenchmark {

    private static final String KEY = "bench-key-0123456789-0123456789-0123456789";
    private static final int BENCH_ORGANIZATIONS = 2000;

    private GatewayBenchmark() {}

    /** Arguments: set-up ({@code gateway} or {@code system}), seconds per round, connections, wrk threads, rounds. */
    public static void main(String[] args) throws Exception {
        String setup = args.length > 0 ? args[0] : "gateway";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        String workload = args.length > 5 ? args[5] : "post";
        // post: submissions only; mixed: half of the requests open a survey page (the organizations must be in the
        // registry the gateway reads for their pages to exist).
        Path script = Path.of(workload.equals("mixed") ? "bench/gateway-mixed.lua" : "bench/gateway-post.lua")
                .toAbsolutePath();
        Path jar = Path.of(System.getProperty("noko.gatewayJar")).toAbsolutePath();
        Path home = DevStack.scratch("gateway-bench");

        GatewayServices services = setup.equals("system")
                ? GatewayServices.wholeSystem(home, jar, KEY)
                : GatewayServices.gatewayAndKafka(home, jar, KEY);
        if (workload.equals("mixed")) {
            services.publishRegistry(BENCH_ORGANIZATIONS);
        }
        ChildProcess nginx = ReferenceNginx.start(home.resolve("nginx"));
        Map<String, String> tokens = Map.of(
                "NOKO_BENCH_TOKENS",
                questionnaireTokens(services.url(), home.resolve("tokens.lua")).toString());
        try {
            BenchLines.line(
                    "set-up",
                    setup + " (" + workload + "): wrk -t" + threads + " -c" + connections + " -d" + seconds + "s, "
                            + rounds + " rounds alternating with nginx; gateway pid "
                            + services.gateway().pid());
            long wrkAccepted = Wrk.run(
                            "warm-up (not counted)",
                            services.url(),
                            script,
                            1,
                            connections,
                            30,
                            services.gateway(),
                            tokens)
                    .accepted();
            List<Wrk.Round> gateway = new ArrayList<>();
            List<Wrk.Round> reference = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                Wrk.Round g = Wrk.run(
                        "gateway, round " + round,
                        services.url(),
                        script,
                        threads,
                        connections,
                        seconds,
                        services.gateway(),
                        tokens);
                gateway.add(g);
                wrkAccepted += g.accepted();
                reference.add(Wrk.run(
                        "nginx, round " + round,
                        ReferenceNginx.URL,
                        script,
                        threads,
                        connections,
                        seconds,
                        nginx.handle(),
                        tokens));
            }
            double gatewayRate =
                    BenchLines.median(gateway.stream().map(Wrk.Round::perSecond).toList());
            double nginxRate = BenchLines.median(
                    reference.stream().map(Wrk.Round::perSecond).toList());
            BenchLines.line(
                    "median accepted/s",
                    String.format(
                            "gateway %.0f, nginx %.0f, ratio %.3f", gatewayRate, nginxRate, gatewayRate / nginxRate));
            Thread.sleep(2000);
            long stored = services.recordsOnTopic();
            Map<String, Double> counters = GatewayCounters.read(services.url());
            long accepted = Math.round(counters.getOrDefault("noko_gateway_responses_accepted_total", 0.0)
                    - counters.getOrDefault("noko_gateway_responses_resubmitted_total", 0.0));
            long unanswered = Math.round(counters.getOrDefault("noko_gateway_responses_unanswered_total", 0.0));
            BenchLines.line(
                    "records on the topic",
                    String.format(
                            "%d for %d answers 202 by the gateway and %d stored after wrk"
                                    + " had dropped the connection: %s; wrk read %d of the 202 answers",
                            stored,
                            accepted,
                            unanswered,
                            stored == accepted + unanswered ? "equal" : "DIFFERENT",
                            wrkAccepted));
        } finally {
            nginx.stop();
            services.close();
        }
    }

    /**
     * Asks the gateway for each bench organization's questionnaire, as an API client does once per organization and
     * device, and writes the tokens where the wrk script finds them ({@code NOKO_BENCH_TOKENS}), as a Lua table.
     */
    private static Path questionnaireTokens(String url, Path file) throws Exception {
        QuestionnaireTokens tokens = new QuestionnaireTokens(HttpClient.newHttpClient(), URI.create(url));
        StringBuilder lua = new StringBuilder("return {\n");
        for (int organization = 0; organization < BENCH_ORGANIZATIONS; organization++) {
            lua.append("  \"")
                    .append(tokens.token(
                            "demo-2026-noko",
                            "bench-org-" + organization,
                            "bench-device-" + organization + "-0123456789"))
                    .append("\",\n");
        }
        Files.writeString(file, lua.append("}\n"));
        return file;
    }
}
