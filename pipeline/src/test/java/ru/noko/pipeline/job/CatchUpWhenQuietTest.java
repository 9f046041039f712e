package ru.noko.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

class CatchUpWhenQuietTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final Duration ALLOWANCE = Duration.ofSeconds(2);
    private static final Duration IDLENESS = Duration.ofSeconds(10);

    private final ManualClock clock = new ManualClock(1_000_000_000L);
    private final long[] wall = {NOW};
    private final Recorder output = new Recorder();

    @Test
    void whileResponsesArriveTheWatermarkTrailsTheNewestByTheAllowance() {
        CatchUpWhenQuiet<String> watermarks = generator(ALLOWANCE);

        watermarks.onEvent("r", NOW - 100, output);
        watermarks.onPeriodicEmit(output);

        assertThat(output.last()).isEqualTo(NOW - 100 - 2_000 - 1);
    }

    @Test
    void halfASecondAfterAnOnTimeResponseTheWatermarkFollowsTheClockByTheAllowance() {
        CatchUpWhenQuiet<String> watermarks = generator(ALLOWANCE);
        watermarks.onEvent("r", NOW - 100, output);
        watermarks.onPeriodicEmit(output);

        quietFor(Duration.ofMillis(800), watermarks);

        assertThat(output.last()).isEqualTo(wall[0] - 2_000);
        quietFor(Duration.ofSeconds(3), watermarks);
        // The response received 100 ms before it was read is behind the watermark 2.1 s after its receipt.
        assertThat(output.last()).isEqualTo(wall[0] - 2_000).isGreaterThan(NOW - 100);
        assertThat(output.idle).isFalse();
    }

    @Test
    void aPartitionWorkingThroughABacklogDoesNotJumpToTheClockInAShortPause() {
        CatchUpWhenQuiet<String> watermarks = generator(ALLOWANCE);
        // An hour-old response: the reader is behind, more of the backlog may follow after a pause in the fetches.
        watermarks.onEvent("r", NOW - 3_600_000, output);

        quietFor(Duration.ofSeconds(5), watermarks);
        assertThat(output.last()).isEqualTo(NOW - 3_600_000 - 2_000 - 1);

        quietFor(Duration.ofSeconds(6), watermarks);
        // Quiet past the idleness: nothing is coming, it follows the clock.
        assertThat(output.last()).isEqualTo(wall[0] - 2_000);
    }

    @Test
    void afterAPauseLaterResponsesMoveItOnOnlyPastWhatItReached() {
        CatchUpWhenQuiet<String> watermarks = generator(ALLOWANCE);
        watermarks.onEvent("r", NOW - 100, output);
        quietFor(Duration.ofSeconds(5), watermarks);
        long caughtUp = output.last();

        // Received 3 s before it was read, it arrives behind the caught-up watermark: late, and the watermark stays.
        watermarks.onEvent("r", wall[0] - 3_000, output);
        watermarks.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(caughtUp);

        watermarks.onEvent("r", wall[0] + 60_000, output);
        watermarks.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(wall[0] + 60_000 - 2_000 - 1);
    }

    @Test
    void aLongerCatchUpKeepsAQuietPartitionThatFarBehindTheClock() {
        CatchUpWhenQuiet<String> watermarks = generator(Duration.ofMinutes(1));
        watermarks.onEvent("r", NOW - 100, output);

        quietFor(Duration.ofSeconds(70), watermarks);

        assertThat(output.last()).isEqualTo(wall[0] - 60_000);
    }

    @Test
    void switchedOffAQuietPartitionGoesIdleAndItsLastResponsesWait() {
        CatchUpWhenQuiet<String> watermarks = generator(Duration.ZERO);
        watermarks.onEvent("r", NOW - 100, output);

        quietFor(Duration.ofMinutes(1), watermarks);

        assertThat(output.last()).isEqualTo(NOW - 100 - 2_000 - 1);
        assertThat(output.idle).isTrue();
    }

    @Test
    void aPartitionWithoutResponsesIsMarkedIdleAfterTheIdlenessAndEmitsNoWatermark() {
        CatchUpWhenQuiet<String> watermarks = generator(ALLOWANCE);

        quietFor(Duration.ofSeconds(5), watermarks);
        assertThat(output.idle).isFalse();
        quietFor(Duration.ofSeconds(6), watermarks);

        assertThat(output.watermarks).isEmpty();
        assertThat(output.idle).isTrue();
    }

    private CatchUpWhenQuiet<String> generator(Duration catchUp) {
        return new CatchUpWhenQuiet<>(ALLOWANCE, catchUp, IDLENESS, clock, () -> wall[0]);
    }

    /** The periodic emitter's calls, every 200 ms, with both clocks moving. */
    private void quietFor(Duration quiet, CatchUpWhenQuiet<String> watermarks) {
        for (long ms = 0; ms < quiet.toMillis(); ms += 200) {
            clock.advanceTime(Duration.ofMillis(200));
            wall[0] += 200;
            watermarks.onPeriodicEmit(output);
        }
    }

    private static final class Recorder implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        boolean idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }

        long last() {
            return watermarks.get(watermarks.size() - 1);
        }
    }
}
