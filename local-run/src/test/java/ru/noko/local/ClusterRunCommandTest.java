package ru.noko.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.DevStack;

/**
 * {@code ./noko run --cluster} after its build step, as an operator starts it: it prints where each part of the server
 * topology listens (the survey behind nginx, the portal, Prometheus, the brokers, Flink, ClickHouse), those addresses
 * answer, and Ctrl-C stops every process it started.
 */
class ClusterRunCommandTest {

    private static final Duration START = Duration.ofSeconds(360);

    @Test
    void theClusterCommandPrintsWhereEachPartListensAndCtrlCStopsThemAll() throws Exception {
        Path root = Path.of(System.getProperty("noko.projectRoot", "..")).toAbsolutePath();
        Path home = DevStack.scratch("cluster-run");
        Path output = home.resolve("launch.log");
        Process run = Launcher.launch(root, Map.of("NOKO_CLUSTER_HOME", home.toString()), output, "--cluster");
        List<Integer> ports;
        try {
            Launcher.awaitOutput(run, output, "noko (cluster) is running", START);
            String printed = Files.readString(output);
            assertThat(printed)
                    .contains(
                            "survey endpoint   POST https://127.0.0.1:",
                            "portal            https://127.0.0.1:",
                            "password in " + home.resolve("operator.password"),
                            "Prometheus        http://127.0.0.1:",
                            "not run here: clickhouse, node, alertmanager",
                            "(3 brokers, replication 3, min in-sync 2)",
                            "(a job manager and 2 task managers");
            assertThat(home.resolve("operator.password")).exists();

            URI prometheus = URI.create(address(printed, "Prometheus        (\\S+)"));
            assertThat(get(prometheus.resolve("/-/healthy")).statusCode())
                    .as("Prometheus answers")
                    .isEqualTo(200);
            URI flink = URI.create(address(printed, "Flink             (\\S+)"));
            assertThat(get(flink.resolve("/jobs/overview")).body()).contains("noko-response-ingest", "RUNNING");
            ports = List.of(
                    URI.create(address(printed, "survey endpoint   POST (\\S+)"))
                            .getPort(),
                    URI.create(address(printed, "portal            (\\S+)")).getPort(),
                    prometheus.getPort(),
                    flink.getPort());
            assertThat(ports).noneMatch(Launcher::portIsFree);
        } finally {
            Launcher.ctrlC(run);
        }
        assertThat(Files.readString(output)).contains("noko: stopping the cluster...", "noko: stopped.");
        assertThat(ports).as("nginx, the portal, Prometheus and Flink stopped").allMatch(Launcher::portIsFree);
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String address(String printed, String pattern) {
        Matcher found = Pattern.compile(pattern).matcher(printed);
        assertThat(found.find()).as(pattern + " in:\n" + printed).isTrue();
        return found.group(1);
    }
}
