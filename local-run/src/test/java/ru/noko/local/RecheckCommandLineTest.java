package ru.noko.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.DevStack;
import ru.noko.schemas.clickhouse.ClickHouseMigrator;
import ru.noko.schemas.clickhouse.ClickHouseQueries;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/**
 * {@code ./noko recheck} as an operator runs it, on the launcher's class path, against a real ClickHouse: a stored
 * verdict that receipt order contradicts is reported with the change; an unknown campaign is refused. The whole
 * re-check, with the live job and the corrections, is tested in the pipeline module.
 */
class RecheckCommandLineTest {

    private static final Path ROOT =
            Path.of(System.getProperty("noko.projectRoot", "..")).toAbsolutePath();

    @Test
    void aDryRunReportsTheVerdictsReceiptOrderWouldChangeAndWritesNothing() throws Exception {
        ClickHouseTarget clickHouse =
                ClickHouseTarget.local(DevStack.clickHouse().tcpPort(), "recheck_cli");
        new ClickHouseMigrator(clickHouse).migrate();
        ClickHouseQueries tables = new ClickHouseQueries(clickHouse);
        // One e-mail, two responses: the earlier one is the first, but the stream (judging late) kept the later one.
        for (String[] response : List.of(
                new String[] {"r-early", "1000", "rejected", "DUPLICATE_EMAIL"},
                new String[] {"r-later", "5000", "accepted", ""})) {
            long received = 1_770_000_000_000L + Long.parseLong(response[1]);
            tables.execute("INSERT INTO survey_responses (response_id, campaign_id, organization_id, respondent_role,"
                    + " answers, started_at, submitted_at, received_at, ip_hmac, user_agent, device_token, email_hmac,"
                    + " kafka_partition, kafka_offset, started_at_ms, submitted_at_ms, received_at_ms) VALUES ('"
                    + response[0]
                    + "', 'demo-2026-noko', 'school-1', 'parent', '{\"q1\":false,\"q3\":false,\"q5\":true,"
                    + "\"q6\":false,\"q8\":true,\"q9\":true,\"q10\":false,\"q12\":true,\"q13\":true,\"q14\":true}',"
                    + " '" + time(received - 600_000) + "', '" + time(received) + "', '" + time(received) + "', 'ip-"
                    + response[0] + "', '', '', 'mail-1', 0, 0, " + (received - 600_000)
                    + ", " + received + ", " + received + ")");
            tables.execute("INSERT INTO response_verdicts (response_id, campaign_id, organization_id, respondent_role,"
                    + " submitted_at, received_at, verdict, rejections, flags, version, checked_by) VALUES ('"
                    + response[0] + "', 'demo-2026-noko', 'school-1', 'parent', '" + time(received) + "', '"
                    + time(received) + "', '" + response[2] + "', '" + response[3] + "', '', 0, 'live')");
        }

        Result recheck = noko(
                "recheck",
                "--campaign",
                "demo-2026-noko",
                "--dry-run",
                "--clickhouse-port",
                String.valueOf(clickHouse.port()),
                "--clickhouse-database",
                clickHouse.database());

        assertThat(recheck.exit()).as(recheck.output()).isZero();
        assertThat(recheck.output())
                .contains("ответов проверено: 2")
                .contains("решение изменилось: 2")
                .contains("rejected DUPLICATE_EMAIL → accepted: 1")
                .contains("accepted → rejected DUPLICATE_EMAIL: 1")
                .contains("пробный запуск: ничего не записано");
        assertThat(tables.strings("SELECT verdict FROM response_verdicts FINAL WHERE response_id = 'r-early'"))
                .containsExactly("rejected");
    }

    @Test
    void anUnknownCampaignIsRefused() throws Exception {
        Result recheck = noko("recheck", "--campaign", "no-such-campaign");

        assertThat(recheck.exit()).isEqualTo(2);
        assertThat(recheck.output()).contains("кампании no-such-campaign нет среди известных");
    }

    private record Result(int exit, String output) {}

    /** A DateTime literal (the native driver parses VALUES itself, so no functions there). */
    private static String time(long millis) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(millis));
    }

    private static Result noko(String... args) throws Exception {
        List<String> command =
                new java.util.ArrayList<>(List.of(ROOT.resolve("noko").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(
                process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
