package ru.noko.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import ru.noko.devstack.process.ChildProcess;

/** The portal (personal accounts) from its executable jar in a child JVM, ready once its health endpoint answers. */
final class PortalProcess {

    private static final Duration START = Duration.ofSeconds(180);

    private PortalProcess() {}

    /** @param environment the portal's settings, as environment variables (port, database, Kafka, ClickHouse, …) */
    static ChildProcess start(Path jar, Path home, int port, Map<String, String> environment) {
        ProcessBuilder command = new ProcessBuilder(
                List.of(ChildProcess.javaExecutable(), "-Xmx1g", folderArgument(home), "-jar", jar.toString()));
        command.environment().putAll(environment);
        command.environment().put("NOKO_PORTAL_PORT", String.valueOf(port));
        ChildProcess portal = ChildProcess.start("portal", command, home.resolve("portal.log"));
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
        portal.awaitReady(START, () -> healthy(http, health));
        return portal;
    }

    /** The argument that marks a portal started with {@code home} as its folder, so a leftover one is found. */
    static String folderArgument(Path home) {
        return "-Dnoko.portalFolder=" + home.toAbsolutePath();
    }

    private static boolean healthy(HttpClient http, URI health) {
        try {
            HttpRequest request = HttpRequest.newBuilder(health)
                    .timeout(Duration.ofSeconds(2))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
