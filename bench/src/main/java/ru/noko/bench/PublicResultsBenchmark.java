package ru.noko.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ru.noko.devstack.DevStack;
import ru.noko.devstack.process.ChildProcess;
import ru.noko.export.inputs.FileInputs;
import ru.noko.export.ranking.Exporter;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.publication.ResultsPublisher;
import ru.noko.publication.site.PublicSite;
import ru.noko.publication.site.SiteAddress;

/**
 * {@code bench/public-results.sh}: how many public results pages and badges the server's proxy serves per second on
 * this machine, against an nginx answering a fixed body from memory, in the same run with the same wrk settings (the
 * gateway benchmark's method). The example campaign ({@code examples/noko}) is published into a folder, and the shipped
 * {@code deploy/nginx/nginx.conf} serves it as it would on the server (its headers, types and charset; plain HTTP, as the
 * reference); rounds alternate the page, the badge and the reference.
 */
public final class PublicResultsBenchmark {

    private PublicResultsBenchmark() {}

    /** Arguments: seconds per round, connections, wrk threads, rounds. */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path home = DevStack.scratch("public-results-bench");
        Path site = home.resolve("site");
        Path examples = Path.of("examples/noko").toAbsolutePath();
        ResultsPublisher publisher = new ResultsPublisher(
                Campaigns.load(Optional.empty())::find,
                (campaign, cutOff) -> FileInputs.read(
                        campaign,
                        examples.resolve("registry.csv"),
                        examples.resolve("responses.jsonl"),
                        examples.resolve("self-assessment.json")),
                new Exporter(home.resolve("exports"), "noko bench"),
                new PublicSite(site, new SiteAddress("https://noko.example.ru/results"), "bench"));
        Instant cutOff = Instant.parse("2026-03-01T00:00:00Z");
        publisher.publish("demo-2026-noko", cutOff, "bench", Instant.now());

        int port = ChildProcess.freePort();
        // The shipped file as Debian's nginx (1.22) runs it: without the gateways' `resolve` (nginx 1.27.3; the
        // image is 1.28), no gateway (a closed port), on loopback. Without TLS: the reference answers plain HTTP, so
        // the ratio is the cost of the files and their headers alone (the handshake and the encryption cost any nginx
        // the same); with no HTTPS port left, nginx asks for no certificate.
        String config = Files.readString(Path.of("deploy/nginx/nginx.conf"))
                .replaceAll("(server gateway-\\d:8080[^;]*) resolve;", "$1;")
                .replaceAll("server gateway-\\d:8080", "server 127.0.0.1:9")
                .replaceAll("(?m)^\\s*ssl_certificate(_key)? .*$", "")
                .replace("listen 80;", "listen 127.0.0.1:" + ChildProcess.freePort() + ";")
                .replace("listen 443 ssl;", "listen 127.0.0.1:" + port + ";")
                .replace("listen 8443 ssl;", "listen 127.0.0.1:" + ChildProcess.freePort() + ";")
                .replace("listen 3000 ssl;", "listen 127.0.0.1:" + ChildProcess.freePort() + ";")
                .replace("worker_processes auto;", "worker_processes 2;")
                .replace("alias /srv/noko/results/;", "alias " + site + "/;");
        Files.writeString(home.resolve("proxy.conf"), config);
        ChildProcess proxy = ChildProcess.start(
                "nginx",
                List.of(
                        "/usr/sbin/nginx",
                        "-p",
                        home.toString(),
                        "-c",
                        home.resolve("proxy.conf").toString(),
                        "-e",
                        home.resolve("proxy-error.log").toString(),
                        "-g",
                        "daemon off; pid " + home.resolve("proxy.pid") + "; user " + System.getProperty("user.name")
                                + ";"),
                home.resolve("proxy.log"));
        proxy.awaitReady(Duration.ofSeconds(10), () -> ChildProcess.listening(port, 200));
        ChildProcess reference = ReferenceNginx.start(home.resolve("reference"));
        String organization = "irk-sosh-7";
        String base = "http://127.0.0.1:" + port + "/results/";
        Map<String, String> targets = new LinkedHashMap<>();
        targets.put("organization page", base + "demo-2026-noko/o/" + organization + ".html");
        targets.put("badge", base + "o/" + organization + ".svg");
        try {
            for (String url : targets.values()) {
                int status = java.net.http.HttpClient.newHttpClient()
                        .send(
                                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status != 200) {
                    throw new IllegalStateException(url + " answered " + status);
                }
            }
            BenchLines.line(
                    "set-up",
                    "wrk -t" + threads + " -c" + connections + " -d" + seconds + "s GET, " + rounds
                            + " rounds alternating with the reference nginx; the page is "
                            + Files.size(site.resolve("demo-2026-noko/o/" + organization + ".html"))
                            + " bytes, the badge "
                            + Files.size(site.resolve("o/" + organization + ".svg")) + " bytes");
            Wrk.run(
                    "warm-up (not counted)",
                    targets.get("organization page"),
                    null,
                    1,
                    connections,
                    5,
                    proxy.handle(),
                    Map.of());
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                for (Map.Entry<String, String> target : targets.entrySet()) {
                    rates.computeIfAbsent(target.getKey(), k -> new ArrayList<>())
                            .add(Wrk.run(
                                            target.getKey() + ", round " + round,
                                            target.getValue(),
                                            null,
                                            threads,
                                            connections,
                                            seconds,
                                            proxy.handle(),
                                            Map.of())
                                    .perSecond());
                }
                rates.computeIfAbsent("reference nginx", k -> new ArrayList<>())
                        .add(Wrk.run(
                                        "reference nginx, round " + round,
                                        ReferenceNginx.URL,
                                        null,
                                        threads,
                                        connections,
                                        seconds,
                                        reference.handle(),
                                        Map.of())
                                .perSecond());
            }
            double floor = BenchLines.median(rates.get("reference nginx"));
            StringBuilder summary = new StringBuilder();
            for (Map.Entry<String, List<Double>> rate : rates.entrySet()) {
                double median = BenchLines.median(rate.getValue());
                summary.append(String.format("%s %.0f/s (ratio %.3f); ", rate.getKey(), median, median / floor));
            }
            BenchLines.line("median answers/s", summary.toString().strip());
        } finally {
            reference.stop();
            proxy.stop();
        }
    }
}
