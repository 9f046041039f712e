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

    private final ManualClock clock = new ManualClock(1_000_000_000L);
    private final long[] wall = {NOW};
    private final Recorder output = new Recorder();

    @Test
    void whileResponsesArriveTheWatermarkTrailsTheNewestByTheAllowance() {
        CatchUpWhenQuiet<String> watermarks = generator(Duration.ofMinutes(1));

        watermarks.onEvent("r", NOW - 5_000, output);
        watermarks.onPeriodicEmit(output);

        assertThat(output.last()).isEqualTo(NOW - 5_000 - 30_000 - 1);
    }

    @Test
    void aPartitionQuietForTheCatchUpTimeFollowsTheClockThatFarBehind() {
        CatchUpWhenQuiet<String> watermarks = generator(Duration.ofMinutes(1));
        watermarks.onEvent("r", NOW - 5_000, output);
        watermarks.onPeriodicEmit(output);

        quietFor(Duration.ofSeconds(61), watermarks);

        // Every response submitted more than a minute ago is now behind it, the last one before the pause included.
        assertThat(output.last()).isEqualTo(wall[0] - 60_000).isGreaterThan(NOW - 5_000);
        assertThat(output.idle).isFalse();
        quietFor(Duration.ofSeconds(10), watermarks);
        assertThat(output.last()).isEqualTo(wall[0] - 60_000);
    }

    @Test
    void afterAPauseLaterResponsesMoveItOnOnlyPastWhatItReached() {
        CatchUpWhenQuiet<String> watermarks = generator(Duration.ofMinutes(1));
        watermarks.onEvent("r", NOW - 5_000, output);
        quietFor(Duration.ofSeconds(61), watermarks);
        long caughtUp = output.last();

        // Submitted 50 s ago, it arrives behind the caught-up watermark: late, and the watermark stays.
        watermarks.onEvent("r", wall[0] - 50_000, output);
        watermarks.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(caughtUp);

        watermarks.onEvent("r", wall[0] + 60_000, output);
        watermarks.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(wall[0] + 60_000 - 30_000 - 1);
    }

    @Test
    void switchedOffAQuietPartitionGoesIdleAndItsLastResponsesWait() {
        CatchUpWhenQuiet<String> watermarks = generator(Duration.ZERO);
        watermarks.onEvent("r", NOW - 5_000, output);

        quietFor(Duration.ofMinutes(10), watermarks);

        assertThat(output.last()).isEqualTo(NOW - 5_000 - 30_000 - 1);
        assertThat(output.idle).isTrue();
    }

    @Test
    void aPartitionWithoutResponsesIsMarkedIdleAndEmitsNoWatermark() {
        CatchUpWhenQuiet<String> watermarks = generator(Duration.ofMinutes(1));

        quietFor(Duration.ofMinutes(3), watermarks);

        assertThat(output.watermarks).isEmpty();
        assertThat(output.idle).isTrue();
    }

    private CatchUpWhenQuiet<String> generator(Duration catchUp) {
        return new CatchUpWhenQuiet<>(Duration.ofSeconds(30), catchUp, Duration.ofMinutes(2), clock, () -> wall[0]);
    }

    /** The periodic emitter's calls, every 200 ms, with both clocks moving. */
    private void quietFor(Duration quiet, CatchUpWhenQuiet<String> watermarks) {
        for (long ms = 0; ms <= quiet.toMillis(); ms += 200) {
            watermarks.onPeriodicEmit(output);
            clock.advanceTime(Duration.ofMillis(200));
            wall[0] += 200;
        }
        watermarks.onPeriodicEmit(output);
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
