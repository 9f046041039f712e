package ru.noko.pipeline.job;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarksWithIdleness.IdlenessTimer;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Watermarks of one responses partition: the newest {@code receivedAt} less the allowed out-of-orderness while
 * responses arrive; once the partition has been quiet for {@code catchUp}, the wall clock less {@code catchUp} (or
 * the newest response, if later), since a response received before that and still on its way would be late anyway.
 * Without it the last responses before a pause — a quiet night, a small school's last parent — would wait for the
 * next response to get their verdicts and figures. A response that arrives behind the watermark is late: judged at
 * once and noted in {@code late_responses}.
 *
 * <p>With catching up switched off (zero), a partition quiet for {@code idleness} is marked idle so it no longer
 * holds the others back (Flink's idleness), and the last responses wait for the next ones. A partition that never
 * had a record is marked idle either way. Quiet is measured on the source's input activity clock, which stands still
 * while the job is backpressured, so a busy job does not take a backlog for a pause.
 */
final class CatchUpWhenQuiet<T> implements WatermarkGenerator<T> {

    private final long outOfOrdernessMillis;
    private final long catchUpMillis;
    /** null when catching up is switched off */
    private final IdlenessTimer quiet;
    private final IdlenessTimer idleness;
    private final LongSupplier wallClock;
    private boolean seen;
    private long newest = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;
    private boolean idle;

    /**
     * @param catchUp zero switches catching up off
     * @param wallClock epoch milliseconds, the time {@code receivedAt} is in
     */
    CatchUpWhenQuiet(Duration outOfOrderness, Duration catchUp, Duration idleness, RelativeClock activity,
            LongSupplier wallClock) {
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
        this.catchUpMillis = catchUp.toMillis();
        this.quiet = catchUp.isZero() ? null : new IdlenessTimer(activity, catchUp);
        this.idleness = new IdlenessTimer(activity, idleness);
        this.wallClock = wallClock;
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        seen = true;
        newest = Math.max(newest, eventTimestamp);
        idleness.activity();
        if (quiet != null) {
            quiet.activity();
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (seen) {
            long target = quiet != null && quiet.checkIfIdle()
                    ? Math.max(newest, wallClock.getAsLong() - catchUpMillis)
                    : newest - outOfOrdernessMillis - 1;
            if (target > emitted) {
                output.emitWatermark(new Watermark(target));
                emitted = target;
                idle = false;
            }
        }
        // A partition that catches up keeps moving with the clock instead of going idle.
        if ((quiet == null || !seen) && idleness.checkIfIdle() && !idle) {
            output.markIdle();
            idle = true;
        }
    }
}
