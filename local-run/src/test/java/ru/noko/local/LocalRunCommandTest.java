package ru.noko.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.DevStack;
import ru.noko.devstack.process.ChildProcess;
import ru.noko.schemas.clickhouse.ClickHouseQueries;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/**
 * {@code ./noko run} after its build step ({@code ./noko launch}), started as a person would start it: it prints
 * where everything listens, the README's curl and query work against it, and Ctrl-C (SIGINT → the JVM's shutdown)
 * stops every process it started. A launcher killed outright leaves its servers running; the next run on the same
 * folder stops them, says so, and starts its own.
 */
class LocalRunCommandTest {

    private static final Duration START = Duration.ofSeconds(240);

    @Test
    void theRunCommandStartsEverythingServesTheReadmeExampleAndStopsCleanly() throws Exception {
        Path root = Path.of(System.getProperty("noko.projectRoot", "..")).toAbsolutePath();
        Path home = DevStack.scratch("local-run");
        Path output = home.resolve("launch.log");
        int gatewayPort = ChildProcess.freePort();
        int clickHousePort = ChildProcess.freePort();
        int kafkaPort = ChildProcess.freePort();
        int flinkPort = ChildProcess.freePort();
        Map<String, String> environment = environment(home, gatewayPort, kafkaPort, clickHousePort, flinkPort);
        Process run = Launcher.launch(root, environment, output);
        try {
            Launcher.awaitOutput(run, output, "noko is running", START);
            assertThat(Files.readString(output))
                    .contains(
                            "POST http://127.0.0.1:" + gatewayPort + "/api/v1/responses",
                            "clickhouse-client --config-file " + home.resolve("clickhouse-client.xml"),
                            "http://127.0.0.1:" + flinkPort,
                            "portal            http://127.0.0.1:" + environment.get("NOKO_PORTAL_PORT"),
                            "password in " + home.resolve("operator.password"));
            DataFolderPermissions.assertPrivate(home);
            List<ListeningSockets.Listening> listening = ListeningSockets.of(processesOf(run));
            assertThat(listening)
                    .as("every port of the run: gateway, Kafka, ClickHouse, Flink, the outbox")
                    .hasSizeGreaterThanOrEqualTo(6)
                    .allSatisfy(socket -> assertThat(socket.loopback())
                            .as(socket + " listens on loopback only")
                            .isTrue());
            HttpResponse<String> jobs = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + flinkPort + "/jobs/overview"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(jobs.body()).contains("noko-response-ingest", "RUNNING");

            ReadmeExamples readme = ReadmeExamples.read();
            HttpResponse<String> questionnaire = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create(readme.questionnaireUrl().replace(":8080", ":" + gatewayPort)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            String token = questionnaire.body().replaceAll(".*\"submissionToken\":\"([^\"]+)\".*", "$1");
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(readme.curlUrl().replace(":8080", ":" + gatewayPort)))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(readme.curlBody(token)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
            String responseId = answer.body().replaceAll(".*\"responseId\":\"([^\"]+)\".*", "$1");

            String password =
                    Files.readString(home.resolve("clickhouse.password")).strip();
            ClickHouseQueries clickHouse = new ClickHouseQueries(
                    new ClickHouseTarget("127.0.0.1", clickHousePort, LocalSettings.DATABASE, "default", password));
            List<String> found = clickHouse.await(
                    readme.clickHouseQuery(), rows -> rows.contains(responseId), Duration.ofSeconds(60));
            assertThat(found)
                    .as("the README's query finds the README's response")
                    .contains(responseId);
            assertThat(clickHouseClient(home.resolve("clickhouse-client.xml"), readme.clickHouseQuery()))
                    .as("clickhouse-client with the run's config file, as the README runs it")
                    .contains(responseId);
            assertThat(clickHouseClient(List.of("--port", String.valueOf(clickHousePort), "-q", "SELECT 1")))
                    .as("without the password")
                    .doesNotContain("\n1\n")
                    .containsIgnoringCase("password");

            RegistryEntries.publishSchool(
                    "127.0.0.1:" + kafkaPort, URI.create("http://127.0.0.1:" + gatewayPort), "gen-org-0", "Школа № 0");

            assertThat(Files.readString(output)).contains("e-mail outbox     " + home.resolve("outbox"));
            String code = codeFromTheOutbox(gatewayPort, home.resolve("outbox"));
            assertThat(code).as("the letter in the outbox folder has the code").matches("\\d{6}");
        } finally {
            Launcher.ctrlC(run);
        }
        String printed = Files.readString(output);
        assertThat(printed).contains("noko: stopped.");
        assertThat(printed)
                .as("the console has the run's lines, the libraries' logs are in run.log")
                .doesNotContain("ExecutionGraph", "MetricGroup", "KafkaSourceReader");
        assertThat(home.resolve("run.log")).exists();
        assertThat(Launcher.portIsFree(gatewayPort)).as("gateway stopped").isTrue();
        assertThat(Launcher.portIsFree(kafkaPort)).as("Kafka stopped").isTrue();
        assertThat(Launcher.portIsFree(clickHousePort)).as("ClickHouse stopped").isTrue();
    }

    @Test
    void serversALauncherKilledOutrightLeftAreStoppedByTheNextRun() throws Exception {
        Path root = Path.of(System.getProperty("noko.projectRoot", "..")).toAbsolutePath();
        Path home = DevStack.scratch("local-run-crash");
        int gatewayPort = ChildProcess.freePort();
        int kafkaPort = ChildProcess.freePort();
        int clickHousePort = ChildProcess.freePort();
        Map<String, String> environment =
                environment(home, gatewayPort, kafkaPort, clickHousePort, ChildProcess.freePort());
        Process crashed = Launcher.launch(root, environment, home.resolve("crashed.log"));
        List<ProcessHandle> left = List.of();
        Process next = null;
        Path output = home.resolve("next.log");
        try {
            Launcher.awaitOutput(crashed, home.resolve("crashed.log"), "noko is running", START);
            left = crashed.descendants().toList();
            // SIGKILL: no shutdown hook runs, as when the machine's session ends or the OOM killer picks the launcher.
            crashed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            // A short-lived child of that moment (a probe, a client) may have ended on its own: the servers remain.
            left = left.stream().filter(ProcessHandle::isAlive).toList();
            assertThat(left).as("its servers outlive it").hasSizeGreaterThanOrEqualTo(3);

            next = Launcher.launch(root, environment, output);
            Launcher.awaitOutput(next, output, "noko is running", START);
        } finally {
            if (next != null) {
                Launcher.ctrlC(next);
            }
            left.forEach(ProcessHandle::destroyForcibly);
        }
        assertThat(Files.readString(output))
                .contains(
                        "noko: stopped the gateway that an earlier run left running on " + home.resolve("gateway"),
                        "noko: stopped the Kafka broker that an earlier run left running on " + home.resolve("kafka"),
                        "noko: stopped the ClickHouse server that an earlier run left running on "
                                + home.resolve("clickhouse"),
                        "noko: stopped the portal that an earlier run left running on " + home.resolve("portal"),
                        "noko: stopped the PostgreSQL server that an earlier run left running on "
                                + home.resolve("postgres").resolve("data"),
                        "noko: stopped.");
        assertThat(left)
                .as("the earlier run's servers were stopped by the next run")
                .noneMatch(ProcessHandle::isAlive);
        assertThat(List.of(gatewayPort, kafkaPort, clickHousePort)).allMatch(Launcher::portIsFree);
    }

    /** The launcher's JVM and every process it started. */
    private static List<ProcessHandle> processesOf(Process run) {
        List<ProcessHandle> processes =
                new java.util.ArrayList<>(run.descendants().toList());
        processes.add(run.toHandle());
        return processes;
    }

    /** What clickhouse-client prints for a query (and its errors), with the run's config file. */
    private static String clickHouseClient(Path config, String query) throws Exception {
        return clickHouseClient(List.of("--config-file", config.toString(), "-q", query));
    }

    private static String clickHouseClient(List<String> arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("clickhouse-client"));
        command.addAll(arguments);
        Process client = new ProcessBuilder(command).redirectErrorStream(true).start();
        String printed = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        client.waitFor(60, TimeUnit.SECONDS);
        return "\n" + printed;
    }

    private static Map<String, String> environment(
            Path home, int gatewayPort, int kafkaPort, int clickHousePort, int flinkPort) {
        return Map.of(
                "NOKO_HOME", home.toString(),
                "NOKO_GATEWAY_PORT", String.valueOf(gatewayPort),
                "NOKO_PORTAL_PORT", String.valueOf(ChildProcess.freePort()),
                "NOKO_POSTGRES_PORT", String.valueOf(ChildProcess.freePort()),
                "NOKO_KAFKA_PORT", String.valueOf(kafkaPort),
                "NOKO_KAFKA_CONTROLLER_PORT", String.valueOf(ChildProcess.freePort()),
                "NOKO_CLICKHOUSE_PORT", String.valueOf(clickHousePort),
                "NOKO_CLICKHOUSE_HTTP_PORT", String.valueOf(ChildProcess.freePort()),
                "NOKO_FLINK_PORT", String.valueOf(flinkPort));
    }

    /**
     * Asks the gateway for an e-mail confirmation code for the satisfaction survey (which confirms addresses) and
     * reads it from the letter the local outbox wrote.
     */
    private static String codeFromTheOutbox(int gatewayPort, Path outbox) throws Exception {
        String request = "{\"campaignId\": \"demo-2026-satisfaction\", \"organizationId\": \"gen-org-0\","
                + " \"email\": \"mama@example.ru\"}";
        HttpResponse<String> sent = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + "/api/v1/email-codes"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(request))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        Path letter = outbox.resolve("0001.txt");
        Instant deadline = Instant.now().plusSeconds(20);
        while (!Files.exists(letter) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        String text = Files.readString(letter, StandardCharsets.UTF_8);
        assertThat(text).contains("Кому: mama@example.ru");
        return text.replaceAll("(?s).*код подтверждения: (\\d{6}).*", "$1");
    }
}
