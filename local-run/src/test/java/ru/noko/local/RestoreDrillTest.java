package ru.noko.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.DevStack;
import ru.noko.schemas.clickhouse.ClickHouseQueries;

/**
 * The restore drill of docs/server/backups.md, on the local run and with the very scripts an administrator runs
 * (deploy/backup/backup.sh and restore.sh): responses and portal data in, a backup, the system stopped and its data
 * folder destroyed, the secrets put back, a new start on the empty folder, the restore; then the same rows in
 * ClickHouse and PostgreSQL, the same files and secrets, and the same e-mail giving the same pseudonym as before.
 */
class RestoreDrillTest {

    private static final Path ROOT =
            Path.of(System.getProperty("noko.projectRoot", "..")).toAbsolutePath();
    private static final int RESPONSES = 40;
    private static final String CAMPAIGN = "demo-2026-noko";
    /** Not set anywhere: the pseudonym key comes from the data folder's file, as ./noko run keeps it. */
    private static final String NO_VARIABLE = "NOKO_RESTORE_DRILL_UNSET";

    private static final List<String> TABLES =
            List.of("survey_responses", "response_verdicts", "organizations", "campaigns", "organized_sessions");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    /** Organizations of the demo registry the portal imports: once a registry is known, the gateway takes no other. */
    private final List<String> organizations = new ArrayList<>();

    @Test
    void aBackupRestoredIntoAnEmptyFolderGivesBackEveryRowFileAndPseudonym() throws Exception {
        Path home = DevStack.scratch("restore-drill");
        Path backups = DevStack.scratch("restore-drill-backups");
        String database = "noko_drill";

        // 1. A system with responses, a registry imported in the portal, and a stored photo.
        LocalSettings first = settings(home, database);
        String key = first.pseudonymKey();
        Map<String, Long> clickHouseBefore;
        Map<String, Long> postgresBefore;
        String emailHmacBefore;
        byte[] photo = "not really a jpeg, but a file the portal keeps".getBytes(StandardCharsets.UTF_8);
        Path photoFile = Path.of("portal/files/photos/AAAAAAAAAAAAAAAAAAAAAA.jpg");
        Path backup;
        try (LocalSystem system = new LocalSystem(first).start()) {
            List<String> registry = DemoCampaign.registry();
            for (String entry : registry.subList(0, 5)) {
                organizations.add(json.readTree(entry).get("organizationId").asText());
            }
            DemoPortal.importRegistry(system, registry, home.resolve("demo-accounts.csv"));
            QuestionnaireTokens tokens = new QuestionnaireTokens(http, system.gatewayUri());
            for (int n = 0; n < RESPONSES; n++) {
                post(system.gatewayUri(), tokens, n);
            }
            ClickHouseQueries clickHouse = new ClickHouseQueries(system.clickHouseTarget());
            clickHouse.awaitCount(
                    "SELECT count() FROM response_verdicts FINAL",
                    count -> count >= RESPONSES,
                    Duration.ofSeconds(120));
            // Raw rows go in larger, later batches than verdicts (NOKO_SINK_FLUSH_INTERVAL): wait for them too.
            clickHouse.awaitCount(
                    "SELECT count() FROM survey_responses FINAL", count -> count >= RESPONSES, Duration.ofSeconds(60));
            clickHouse.awaitCount(
                    "SELECT count() FROM organizations FINAL", count -> count > 0, Duration.ofSeconds(60));
            Files.createDirectories(home.resolve(photoFile).getParent());
            Files.write(home.resolve(photoFile), photo);
            clickHouseBefore = counts(clickHouse);
            postgresBefore = postgresCounts(system);
            emailHmacBefore = clickHouse
                    .strings("SELECT email_hmac FROM survey_responses FINAL WHERE organization_id = '"
                            + organizations.get(0) + "'"
                            + " AND device_token = 'device-000000-abcdef'")
                    .get(0);

            Result made = script(system, "backup.sh", "--local", home.toString(), "--to", backups.toString());
            assertThat(made.exit()).as(made.output()).isZero();
            backup = Path.of(made.lastLine());
            assertThat(backup.resolve("manifest.tsv")).isRegularFile();
            assertThat(Files.readString(backup.resolve("manifest.tsv")))
                    .contains("clickhouse\tsurvey_responses\t" + RESPONSES + "\t")
                    .contains("savepoint\t");
            assertThat(PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(backup.resolve("secrets/pseudonym.key"))))
                    .as("the backup's secrets are its owner's alone")
                    .isEqualTo("rw-------");
        }

        // 2. The data folder is lost.
        deleteTree(home);
        assertThat(home).doesNotExist();

        // 3. The secrets back before anything starts, then a new system on the empty folder and the restore.
        Result secrets = script(null, "restore.sh", "--local", home.toString(), "--only", "secrets", backup.toString());
        assertThat(secrets.exit()).as(secrets.output()).isZero();
        LocalSettings second = settings(home, database);
        assertThat(second.pseudonymKey()).as("the pseudonym key came back").isEqualTo(key);
        try (LocalSystem system = new LocalSystem(second).start()) {
            Result restored = script(system, "restore.sh", "--local", home.toString(), backup.toString());
            assertThat(restored.exit()).as(restored.output()).isZero();
            assertThat(restored.output()).contains("every count matches the manifest");

            ClickHouseQueries clickHouse = new ClickHouseQueries(system.clickHouseTarget());
            assertThat(counts(clickHouse)).isEqualTo(clickHouseBefore);
            assertThat(postgresCounts(system)).isEqualTo(postgresBefore);
            assertThat(Files.readAllBytes(home.resolve(photoFile))).isEqualTo(photo);

            // The same e-mail, answered again after the restore, has the same pseudonym as before it.
            post(system.gatewayUri(), new QuestionnaireTokens(http, system.gatewayUri()), RESPONSES);
            clickHouse.awaitCount(
                    "SELECT count() FROM survey_responses FINAL WHERE device_token = 'device-"
                            + String.format("%06d", RESPONSES) + "-abcdef'",
                    count -> count == 1,
                    Duration.ofSeconds(120));
            assertThat(clickHouse.strings("SELECT email_hmac FROM survey_responses FINAL WHERE device_token = 'device-"
                            + String.format("%06d", RESPONSES) + "-abcdef'"))
                    .containsExactly(emailHmacBefore);

            // Safe to run again: a second restore into what is now full is refused, and changes nothing.
            Result again = script(system, "restore.sh", "--local", home.toString(), backup.toString());
            assertThat(again.exit()).isNotZero();
            assertThat(again.output()).contains("holds data already");
            assertThat(clickHouse.count("SELECT count() FROM survey_responses")).isEqualTo(RESPONSES + 1);
        } finally {
            deleteTree(home);
            deleteTree(backups);
        }
    }

    /** Free ports each time; the key from the data folder's file, made there when missing. */
    private static LocalSettings settings(Path home, String database) throws IOException {
        LocalSettings ports = TestSettings.onFreePorts("drill", home, 2);
        Files.createDirectories(home);
        String key = LocalSecrets.secret(NO_VARIABLE, home.resolve("pseudonym.key"));
        return new LocalSettings(
                home,
                ports.gatewayJar(),
                ports.portalJar(),
                ports.gatewayPort(),
                ports.portalPort(),
                ports.kafkaPort(),
                ports.kafkaControllerPort(),
                ports.clickHouseTcpPort(),
                ports.clickHouseHttpPort(),
                ports.flinkPort(),
                ports.postgresPort(),
                database,
                ports.topic(),
                ports.partitions(),
                key);
    }

    /** Each table's rows as its readers see them (FINAL). */
    private static Map<String, Long> counts(ClickHouseQueries clickHouse) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        for (String table : TABLES) {
            counts.put(table, clickHouse.count("SELECT count() FROM " + table + " FINAL"));
        }
        return counts;
    }

    private static Map<String, Long> postgresCounts(LocalSystem system) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        for (String table : List.of("organizations", "accounts", "audit_log")) {
            ProcessBuilder psql = new ProcessBuilder(
                            psql(),
                            "-X",
                            "-At",
                            "-h",
                            "127.0.0.1",
                            "-p",
                            String.valueOf(system.settings().postgresPort()),
                            "-U",
                            system.postgres().user(),
                            "-d",
                            "noko",
                            "-c",
                            "SELECT count(*) FROM " + table)
                    .redirectErrorStream(true);
            psql.environment().put("PGPASSWORD", system.postgres().password());
            Process process = psql.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            counts.put(table, Long.parseLong(output));
        }
        assertThat(counts.get("organizations")).as("the registry was imported").isPositive();
        return counts;
    }

    private static String psql() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin/psql"))
                    .filter(Files::isExecutable)
                    .max(Comparator.naturalOrder())
                    .orElseThrow()
                    .toString();
        }
    }

    private void post(URI gateway, QuestionnaireTokens tokens, int n) throws Exception {
        // The last one repeats the first's e-mail: its pseudonym must be the same after the restore.
        int mail = n == RESPONSES ? 0 : n;
        String body = """
                {"campaignId": "%s", "organizationId": "%s", "respondentRole": "parent",
                 "answers": {"q1": false, "q3": true, "q4": false, "q5": true, "q6": false, "q8": true, "q9": true,
                             "q10": false, "q12": true, "q13": true, "q14": true},
                 "startedAt": "2026-02-01T10:00:00Z", "submittedAt": "2026-02-01T10:20:%02dZ",
                 "deviceToken": "device-%06d-abcdef", "email": "parent%d@example.ru"}
                """.formatted(CAMPAIGN, organizations.get(n % 5), n % 60, n, mail);
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/api/v1/responses"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(tokens.signed(body)))
                .build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(json.readTree(answer.body()).get("responseId").asText()).isNotBlank();
    }

    private record Result(int exit, String output) {
        String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1].strip();
        }
    }

    /** One of the scripts, with the local system's ports in the variables ./noko run reads them from. */
    private static Result script(LocalSystem system, String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(ROOT.resolve("deploy/backup").resolve(name).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        if (system != null) {
            LocalSettings settings = system.settings();
            builder.environment().put("NOKO_CLICKHOUSE_HTTP_PORT", String.valueOf(settings.clickHouseHttpPort()));
            builder.environment().put("NOKO_CLICKHOUSE_DATABASE", settings.database());
            builder.environment().put("NOKO_POSTGRES_PORT", String.valueOf(settings.postgresPort()));
            builder.environment().put("NOKO_FLINK_PORT", String.valueOf(settings.flinkPort()));
        }
        Path log = Files.createTempFile("noko-drill-" + name, ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not finish in 3 minutes: " + Files.readString(log));
        }
        String output = Files.readString(log);
        Files.delete(log);
        return new Result(process.exitValue(), output);
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
