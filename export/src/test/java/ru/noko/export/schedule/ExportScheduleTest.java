package ru.noko.export.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.noko.export.inputs.FileInputs;
import ru.noko.export.ranking.Exporter;
import ru.noko.methodology.campaign.Campaigns;

/** A campaign with an export schedule gets its export when the schedule falls due, once, on a clock the test moves. */
class ExportScheduleTest {

    private static final Path EXAMPLES =
            Path.of(System.getProperty("noko.projectRoot", "..")).resolve("examples/noko");

    @TempDir
    Path exports;

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void theQuarterlyExportIsWrittenWhenDueWithTheDueTimeAsItsCutOffAndOnlyOnce() throws Exception {
        // demo-2026-noko: "0 0 6 1 1,4,7,10 *", at 06:00 UTC on the first of January, April, July and October.
        MovableClock clock = new MovableClock(Instant.parse("2026-03-31T23:00:00Z"));
        ExportSchedule schedule = schedule(clock);

        assertThat(schedule.scheduled()).contains("demo-2026-noko");
        assertThat(schedule.runDue()).as("not yet due").isEmpty();

        clock.advance(Duration.ofHours(6).plusMinutes(59));
        assertThat(schedule.runDue()).as("06:59 on the first of April").isEmpty();

        clock.advance(Duration.ofMinutes(2));
        assertThat(schedule.runDue())
                .singleElement()
                .satisfies(folder -> assertThat(folder).endsWith(Path.of("demo-2026-noko", "20260401T060000Z")));
        assertThat(Files.readString(exports.resolve("demo-2026-noko/20260401T060000Z/manifest.json")))
                .contains("\"cutOff\": \"2026-04-01T06:00:00Z\"");

        clock.advance(Duration.ofHours(1));
        assertThat(schedule.runDue())
                .as("the same due time is not exported again")
                .isEmpty();
        assertThat(schedule(clock).runDue()).as("nor after a restart").isEmpty();
        assertThat(new Exporter(exports, "test").list()).hasSize(1);
    }

    @Test
    void aDueTimeMissedWhileDownIsCaughtUpOnceForTheLatest() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2026-03-31T23:00:00Z"));
        ExportSchedule schedule = schedule(clock);

        clock.advance(Duration.ofDays(120));

        // Down from March to the end of July: the April export is passed over, the July one written.
        assertThat(schedule.runDue())
                .singleElement()
                .satisfies(folder -> assertThat(folder.getFileName()).hasToString("20260701T060000Z"));
    }

    @Test
    void aRestartAfterADueTimeWasMissedWritesThatExportFromTheNewestStoredOne() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2026-03-31T23:00:00Z"));
        ExportSchedule running = schedule(clock);
        clock.advance(Duration.ofHours(8));
        assertThat(running.runDue()).hasSize(1);

        // Down from April to August: the schedule made at the restart starts from the April export.
        MovableClock restarted = new MovableClock(Instant.parse("2026-08-01T00:00:00Z"));

        assertThat(schedule(restarted).runDue())
                .singleElement()
                .satisfies(folder -> assertThat(folder.getFileName()).hasToString("20260701T060000Z"));
    }

    @Test
    void aScheduleThatIsNotACronExpressionIsRefusedNamingTheCampaign(@TempDir Path campaigns) throws Exception {
        Files.writeString(campaigns.resolve("c.yaml"), """
                id: region-2027-noko
                title: "НОКО 2027"
                instrument: noko-education
                model: noko-education
                exportSchedule: "every quarter"
                """);

        assertThatThrownBy(() -> new ExportSchedule(
                        Clock.systemUTC(),
                        Campaigns.load(Optional.of(campaigns)),
                        new Exporter(exports, "test"),
                        (campaign, cutOff) -> null))
                .hasMessageContaining("region-2027-noko")
                .hasMessageContaining("every quarter");
    }

    private ExportSchedule schedule(Clock clock) throws Exception {
        return new ExportSchedule(
                clock,
                Campaigns.load(Optional.empty()),
                new Exporter(exports, "test"),
                (campaign, cutOff) -> FileInputs.read(
                        campaign,
                        EXAMPLES.resolve("registry.csv"),
                        EXAMPLES.resolve("responses.jsonl"),
                        EXAMPLES.resolve("self-assessment.json")));
    }
}
