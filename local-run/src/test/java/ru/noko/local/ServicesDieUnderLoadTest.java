package ru.noko.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.DevStack;
import ru.noko.schemas.clickhouse.ClickHouseQueries;

/**
 * The local run while respondents keep sending: Kafka, then ClickHouse, then the gateway is killed (SIGKILL, as the
 * kernel's OOM killer or a crash would), then the gateway is frozen (SIGSTOP: its port still takes connections, and it
 * answers nothing). Each time the run says so in one line, restarts it and says when it is back; respondents get 503
 * or no answer meanwhile and send again with their key; afterwards every response answered 202 is in ClickHouse
 * exactly once, with one verdict, and nothing else is.
 */
class ServicesDieUnderLoadTest {

    private static final String ORGANIZATIONS = "dying";
    private static final String WHERE = " WHERE organization_id LIKE 'dying-%'";
    private static final int RESPONDENTS = 6;
    /** A restart on a loaded machine: Kafka's JVM and log recovery take the longest. */
    private static final Duration BACK = Duration.ofSeconds(120);

    private static final Duration PIPELINE = Duration.ofSeconds(120);
    /** Longer than the sink's flush interval and a checkpoint, so a late duplicate would have shown up. */
    private static final Duration SETTLE = Duration.ofSeconds(3);

    private static final List<String> console = new CopyOnWriteArrayList<>();
    private static LocalSystem system;

    @BeforeAll
    static void startTheWholeSystem() throws Exception {
        LocalSettings settings = TestSettings.onFreePorts("dying", DevStack.scratch("dying"), 4);
        system = new LocalSystem(settings, line -> {
                    console.add(line);
                    System.out.println(line);
                })
                .start();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void killedServicesComeBackAndEveryAcknowledgedResponseIsStoredExactlyOnce() throws Exception {
        Set<String> accepted;
        try (RespondentLoad load = RespondentLoad.start(system.gatewayUri(), ORGANIZATIONS, RESPONDENTS)) {
            load.awaitMoreAccepted(100, BACK);

            system.kafkaProcess().destroyForcibly();
            awaitLine("noko: Kafka stopped unexpectedly (exit code 137); restarting it");
            awaitLine("noko: Kafka is back after ");
            load.awaitMoreAccepted(100, BACK);

            system.clickHouseProcess().destroyForcibly();
            awaitLine("noko: ClickHouse stopped unexpectedly (exit code 137); restarting it");
            awaitLine("noko: ClickHouse is back after ");
            load.awaitMoreAccepted(100, BACK);

            system.gatewayProcess().destroyForcibly();
            awaitLine("noko: the gateway stopped unexpectedly (exit code 137); restarting it");
            awaitLine("noko: the gateway is back after ");
            load.awaitMoreAccepted(100, BACK);

            ProcessHandle frozen = system.gatewayProcess();
            signal("STOP", frozen);
            long stopped = System.nanoTime();
            awaitLine("noko: the gateway has not answered to GET /actuator/health/liveness on port ");
            System.out.println("the frozen gateway was taken for hung "
                    + Duration.ofNanos(System.nanoTime() - stopped).toSeconds() + " s after SIGSTOP (limit "
                    + WatchedService.UNANSWERED.toSeconds() + " s)");
            awaitLines("noko: the gateway is back after ", 2);
            assertThat(frozen.isAlive()).as("the frozen gateway was killed").isFalse();
            load.awaitMoreAccepted(100, BACK);

            accepted = load.stop(BACK);
            assertThat(load.unexpected())
                    .as("every answer 202 or 503, or none while the gateway was away; outcomes " + load.outcomes())
                    .isEmpty();
            System.out.println("respondents' outcomes: " + load.outcomes());
        }

        ClickHouseQueries clickHouse = new ClickHouseQueries(system.clickHouseTarget());
        clickHouse.awaitCount(
                "SELECT count() FROM response_verdicts FINAL" + WHERE, n -> n >= accepted.size(), PIPELINE);
        // Raw rows go in larger batches than verdicts (NOKO_SINK_FLUSH_INTERVAL): wait for them too.
        clickHouse.awaitCount(
                "SELECT count() FROM survey_responses FINAL" + WHERE, n -> n >= accepted.size(), PIPELINE);
        Thread.sleep(SETTLE.toMillis());
        List<String> stored = clickHouse.strings("SELECT response_id FROM survey_responses FINAL" + WHERE);
        assertThat(stored)
                .as("every acknowledged response once")
                .hasSize(accepted.size())
                .doesNotHaveDuplicates();
        assertThat(Set.copyOf(stored)).as("and nothing else").isEqualTo(accepted);
        assertThat(clickHouse.strings("SELECT response_id FROM response_verdicts FINAL" + WHERE))
                .as("one verdict each")
                .hasSize(accepted.size())
                .doesNotHaveDuplicates();
        assertThat(clickHouse.count("SELECT count() FROM undecodable_records")).isZero();

        assertThat(console)
                .as("the run's lines are plain: one line each, no stack trace")
                .allSatisfy(line -> assertThat(line).startsWith("noko: ").doesNotContain("\n", "Exception", "\tat "));
        assertThat(console.stream().filter(line -> line.contains(" has not answered ")))
                .as("no service that answered was taken for hung")
                .allSatisfy(line -> assertThat(line).startsWith("noko: the gateway has not answered "));
        assertThat(system.failure()).as("the run goes on").isNotDone();
    }

    private static void signal(String signal, ProcessHandle process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
                .inheritIO()
                .start();
        assertThat(kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    private static void awaitLine(String start) throws InterruptedException {
        awaitLines(start, 1);
    }

    /** Waits until {@code count} lines start with {@code start}. */
    private static void awaitLines(String start, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(BACK);
        while (console.stream().filter(line -> line.startsWith(start)).count() < count) {
            assertThat(Instant.now())
                    .as("'" + start + "' said within " + BACK + "; the run said " + console)
                    .isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
