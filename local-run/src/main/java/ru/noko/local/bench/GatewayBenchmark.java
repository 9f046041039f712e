package ru.noko.local.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import ru.noko.devstack.DevStack;
import ru.noko.devstack.kafka.KafkaBroker;
import ru.noko.devstack.process.ChildProcess;
import ru.noko.local.GatewayProcess;
import ru.noko.local.LocalSettings;
import ru.noko.local.LocalSystem;
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
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern LATENCY = Pattern.compile("^\\s+Latency\\s+\\S+\\s+\\S+\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|90|99)%\\s+(\\S+)", Pattern.MULTILINE);

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

        Services services =
                setup.equals("system") ? Services.wholeSystem(home, jar) : Services.gatewayAndKafka(home, jar);
        if (workload.equals("mixed")) {
            services.publishRegistry(BENCH_ORGANIZATIONS);
        }
        ChildProcess nginx = Nginx.start(home.resolve("nginx"));
        tokensFile = questionnaireTokens(services.url(), home.resolve("tokens.lua"));
        try {
            line(
                    "set-up",
                    setup + " (" + workload + "): wrk -t" + threads + " -c" + connections + " -d" + seconds + "s, "
                            + rounds + " rounds alternating with nginx; gateway pid "
                            + services.gateway().pid());
            long wrkAccepted = run(
                            "warm-up (not counted)", services.url(), script, 1, connections, 30, services.gateway())
                    .accepted();
            List<Round> gateway = new ArrayList<>();
            List<Round> reference = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                Round g = run(
                        "gateway, round " + round,
                        services.url(),
                        script,
                        threads,
                        connections,
                        seconds,
                        services.gateway());
                gateway.add(g);
                wrkAccepted += g.accepted();
                reference.add(
                        run("nginx, round " + round, Nginx.URL, script, threads, connections, seconds, nginx.handle()));
            }
            double gatewayRate = median(gateway.stream().map(Round::perSecond).toList());
            double nginxRate = median(reference.stream().map(Round::perSecond).toList());
            line(
                    "median accepted/s",
                    String.format(
                            "gateway %.0f, nginx %.0f, ratio %.3f", gatewayRate, nginxRate, gatewayRate / nginxRate));
            Thread.sleep(2000);
            long stored = services.recordsOnTopic();
            Map<String, Double> counters = GatewayCounters.read(services.url());
            long accepted = Math.round(counters.getOrDefault("noko_gateway_responses_accepted_total", 0.0)
                    - counters.getOrDefault("noko_gateway_responses_resubmitted_total", 0.0));
            long unanswered = Math.round(counters.getOrDefault("noko_gateway_responses_unanswered_total", 0.0));
            line(
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

    private static final int BENCH_ORGANIZATIONS = 2000;

    /** The submission tokens of the organizations' questionnaires, as a Lua table the wrk script reads. */
    private static Path tokensFile;

    /**
     * Asks the gateway for each bench organization's questionnaire, as an API client does once per organization and
     * device, and writes the tokens where the wrk script finds them ({@code NOKO_BENCH_TOKENS}).
     */
    private static Path questionnaireTokens(String url, Path file) throws Exception {
        QuestionnaireTokens tokens =
                new QuestionnaireTokens(java.net.http.HttpClient.newHttpClient(), java.net.URI.create(url));
        StringBuilder lua = new StringBuilder("return {\n");
        for (int organization = 0; organization < BENCH_ORGANIZATIONS; organization++) {
            lua.append("  \"")
                    .append(tokens.token(
                            "demo-2026-noko",
                            "bench-org-" + organization,
                            "bench-device-" + organization + "-0123456789"))
                    .append("\",\n");
        }
        java.nio.file.Files.writeString(file, lua.append("}\n"));
        return file;
    }

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
            String label, String url, Path script, int threads, int connections, int seconds, ProcessHandle server)
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
        if (tokensFile != null) {
            command.environment().put("NOKO_BENCH_TOKENS", tokensFile.toString());
        }
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
        line(
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

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    static void line(String what, String result) {
        System.out.println("BENCH | " + what + " | " + result + " |");
    }

    /** The services under test: the gateway's URL and process, and the responses topic to count. */
    private interface Services extends AutoCloseable {
        String url();

        ProcessHandle gateway();

        long recordsOnTopic() throws Exception;

        /** Kafka's bootstrap servers. */
        String bootstrapServers();

        /**
         * Publishes registry entries for bench-org-0 … bench-org-(n-1) to the organizations topic and waits until the
         * gateway serves the last one's page.
         */
        default void publishRegistry(int organizations) throws Exception {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrapServers(),
                            ProducerConfig.ACKS_CONFIG,
                            "all"),
                    new StringSerializer(),
                    new StringSerializer())) {
                for (int o = 0; o < organizations; o++) {
                    producer.send(new ProducerRecord<>(
                            LocalSettings.ORGANIZATIONS_TOPIC,
                            "bench-org-" + o,
                            "{\"organizationId\": \"bench-org-" + o + "\", \"name\": \"Школа № " + o
                                    + "\", \"inn\": \"7707083893\", \"type\": \"general\", \"municipality\": \"Город\","
                                    + " \"region\": \"Регион\", \"contingent\": {\"parent\": 500, \"student\": 250}}"));
                }
            }
            HttpClient http = HttpClient.newHttpClient();
            URI last = URI.create(url() + "/s/demo-2026-noko/bench-org-" + (organizations - 1));
            for (int attempt = 0; attempt < 300; attempt++) {
                if (http.send(HttpRequest.newBuilder(last).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("the gateway did not serve " + last + " within 30 s of the registry");
        }

        @Override
        void close();

        static Services gatewayAndKafka(Path home, Path jar) {
            KafkaBroker kafka = KafkaBroker.onFreePorts(home.resolve("kafka")).start();
            kafka.createTopic(LocalSettings.TOPIC, 4);
            kafka.createTopic(LocalSettings.ORGANIZATIONS_TOPIC, 1);
            int port = ChildProcess.freePort();
            ChildProcess gateway = GatewayProcess.start(
                    jar,
                    home.resolve("gateway"),
                    port,
                    Map.of(
                            "NOKO_KAFKA_BOOTSTRAP",
                            kafka.bootstrapServers(),
                            "NOKO_RESPONSES_TOPIC",
                            LocalSettings.TOPIC,
                            "NOKO_PSEUDONYM_KEY",
                            KEY));
            return new Services() {
                @Override
                public String url() {
                    return "http://127.0.0.1:" + port;
                }

                @Override
                public ProcessHandle gateway() {
                    return gateway.handle();
                }

                @Override
                public long recordsOnTopic() {
                    return Topics.records(kafka.bootstrapServers(), LocalSettings.TOPIC);
                }

                @Override
                public String bootstrapServers() {
                    return kafka.bootstrapServers();
                }

                @Override
                public void close() {
                    gateway.stop();
                    kafka.stop();
                }
            };
        }

        static Services wholeSystem(Path home, Path jar) throws Exception {
            LocalSettings settings = new LocalSettings(
                    home.resolve("system"),
                    jar,
                    Path.of(System.getProperty("noko.portalJar", "missing")).toAbsolutePath(),
                    ChildProcess.freePort(),
                    ChildProcess.freePort(),
                    ChildProcess.freePort(),
                    ChildProcess.freePort(),
                    ChildProcess.freePort(),
                    ChildProcess.freePort(),
                    ChildProcess.freePort(),
                    ChildProcess.freePort(),
                    "noko_gateway_bench",
                    LocalSettings.TOPIC,
                    4,
                    KEY);
            LocalSystem system = new LocalSystem(settings).start();
            return new Services() {
                @Override
                public String url() {
                    return system.gatewayUri().toString();
                }

                @Override
                public ProcessHandle gateway() {
                    return system.gatewayProcess();
                }

                @Override
                public long recordsOnTopic() {
                    return Topics.records(system.kafkaBootstrapServers(), LocalSettings.TOPIC);
                }

                @Override
                public String bootstrapServers() {
                    return system.kafkaBootstrapServers();
                }

                @Override
                public void close() {
                    system.close();
                }
            };
        }
    }

    /** The gateway's own counters from its Prometheus endpoint, by metric name (the untagged ones). */
    private static final class GatewayCounters {
        static Map<String, Double> read(String url) throws Exception {
            HttpClient http = HttpClient.newHttpClient();
            String text = http.send(
                            HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            Map<String, Double> counters = new HashMap<>();
            for (String metric : text.split("\n")) {
                String[] parts = metric.split(" ");
                if (!metric.startsWith("#") && parts.length == 2 && !parts[0].contains("{")) {
                    counters.put(parts[0], Double.parseDouble(parts[1]));
                }
            }
            return counters;
        }
    }

    /** The records on a topic: the sum of its partitions' end offsets (nothing is ever deleted from it here). */
    private static final class Topics {
        static long records(String bootstrap, String topic) {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                    Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                    new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (PartitionInfo partition : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(topic, partition.partition()));
                }
                return consumer.endOffsets(partitions).values().stream()
                        .mapToLong(Long::longValue)
                        .sum();
            }
        }
    }

    /** nginx (Debian's nginx-light) answering 202 to every request: what this machine can serve, as a reference. */
    static final class Nginx {
        static final int PORT = ChildProcess.freePort();
        static final String URL = "http://127.0.0.1:" + PORT;

        static ChildProcess start(Path folder) throws IOException {
            Files.createDirectories(folder.resolve("logs"));
            Path config = folder.resolve("nginx.conf");
            // Two workers for the two cores; the body is read and discarded, as the gateway reads it.
            Files.writeString(config, """
                    worker_processes 2;
                    pid %1$s/nginx.pid;
                    error_log %1$s/logs/error.log warn;
                    events { worker_connections 4096; }
                    http {
                        access_log off;
                        client_body_temp_path %1$s/body;
                        client_body_buffer_size 64k;
                        keepalive_requests 1000000;
                        server {
                            listen 127.0.0.1:%2$d;
                            location / {
                                default_type application/json;
                                return 202 '{"responseId":"00000000-0000-7000-8000-000000000000"}';
                            }
                        }
                    }
                    """.formatted(folder, PORT));
            ChildProcess nginx = ChildProcess.start(
                    "nginx",
                    List.of("nginx", "-p", folder.toString(), "-c", config.toString(), "-g", "daemon off;"),
                    folder.resolve("logs/stdout.log"));
            nginx.awaitReady(Duration.ofSeconds(10), () -> {
                try (var socket = new java.net.Socket("127.0.0.1", PORT)) {
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
            return nginx;
        }
    }

    /** The machine's busy CPU time from /proc/stat, in milliseconds (all cores, all processes). */
    private static final class MachineCpu {
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
}
