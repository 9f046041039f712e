package ru.noko.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ru.noko.devstack.process.ChildProcess;

/** The gateway from its executable jar in a child JVM, ready once its health endpoint answers. */
public final class GatewayProcess {

    private static final Duration START = Duration.ofSeconds(120);

    /**
     * A young generation sized for a request's short-lived objects and the parallel collector: its pauses stay in
     * milliseconds and it spends less CPU than G1 at the endpoint's rates (BENCHMARKS.md). The gateway's container
     * image starts it with the same options (ingest-gateway/Dockerfile; ComposeFileTest compares them).
     */
    public static final List<String> JVM_OPTIONS =
            List.of("-Xmx1g", "-Xmn256m", "-XX:+UseParallelGC", "-XX:MaxDirectMemorySize=512m");

    private GatewayProcess() {}

    /**
     * @param environment the gateway's settings, as environment variables (port, Kafka, topic, pseudonym key, …)
     */
    public static ChildProcess start(Path jar, Path home, int port, Map<String, String> environment) {
        List<String> java = new ArrayList<>(List.of(ChildProcess.javaExecutable()));
        java.addAll(JVM_OPTIONS);
        // Extra JVM options for the gateway (a profiler's, say), space-separated.
        String options =
                System.getenv().getOrDefault("NOKO_GATEWAY_JVM_OPTS", "").strip();
        if (!options.isEmpty()) {
            java.addAll(List.of(options.split("\\s+")));
        }
        // Names the gateway's folder on its command line, so a gateway an earlier run left running is found.
        java.add(folderArgument(home));
        java.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder command = new ProcessBuilder(java);
        command.environment().putAll(environment);
        command.environment().put("NOKO_GATEWAY_PORT", String.valueOf(port));
        ChildProcess gateway = ChildProcess.start("ingest-gateway", command, home.resolve("gateway.log"));
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
        gateway.awaitReady(START, () -> healthy(http, health));
        return gateway;
    }

    /** The argument that marks a gateway started with {@code home} as its folder. */
    static String folderArgument(Path home) {
        return "-Dnoko.gatewayFolder=" + home.toAbsolutePath();
    }

    private static boolean healthy(HttpClient http, URI health) {
        try {
            HttpRequest request = HttpRequest.newBuilder(health)
                    .timeout(Duration.ofSeconds(2))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
