package ru.noko.pipeline.job;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarksWithIdleness.IdlenessTimer;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Watermarks of one responses partition. While responses arrive: the newest {@code receivedAt} less the allowed
 * out-of-orderness. Once the partition is quiet and was keeping up: the wall clock less {@code catchUp} (by default the
 * same allowance), since a response received before that and still on its way would be late under either rule. So a
 * lone response — a quiet night, a small school's last parent, a region answering once a second over four partitions
 * — gets its verdict a couple of seconds after receipt instead of waiting for the next response.
 *
 * <p>"Keeping up" means the last response was read within {@code catchUp} of its receipt: a partition whose reader is
 * working through a backlog (a restart after an outage) must not jump to the clock in a pause of its fetches, or the
 * rest of the backlog would all be late; such a partition follows the clock only after {@code idleness} of quiet.
 * "Quiet" means no response for {@link #QUIET_AFTER}, on the source's input activity clock, which stands still while
 * the job is backpressured. A pause of the whole JVM longer than the allowance can still make responses received during
 * it late; they are noted in {@code late_responses} and {@code ./noko recheck} judges them again in order.
 *
 * <p>With catching up switched off (zero), a partition quiet for {@code idleness} is marked idle so it no longer holds
 * the others back (Flink's idleness), and the last responses wait for the next ones. A partition that never had a
 * record is marked idle after {@code idleness} either way.
 */
final class CatchUpWhenQuiet<T> implements WatermarkGenerator<T> {

    /** Long enough that a reader keeping up with live traffic is between fetches, not in the middle of one. */
    static final Duration QUIET_AFTER = Duration.ofMillis(500);

    private final long outOfOrdernessMillis;
    private final long catchUpMillis;
    /** null when catching up is switched off */
    private final IdlenessTimer quiet;

    private final IdlenessTimer idleness;
    private final LongSupplier wallClock;
    private boolean seen;
    private boolean keepingUp;
    private long newest = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;
    private boolean idle;

    /**
     * @param catchUp how far behind the clock a quiet partition's watermark stays; zero switches catching up off
     * @param wallClock epoch milliseconds, the time {@code receivedAt} is in
     */
    CatchUpWhenQuiet(
            Duration outOfOrderness,
            Duration catchUp,
            Duration idleness,
            RelativeClock activity,
            LongSupplier wallClock) {
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
        this.catchUpMillis = catchUp.toMillis();
        this.quiet = catchUp.isZero() ? null : new IdlenessTimer(activity, QUIET_AFTER);
        this.idleness = new IdlenessTimer(activity, idleness);
        this.wallClock = wallClock;
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        seen = true;
        newest = Math.max(newest, eventTimestamp);
        keepingUp = wallClock.getAsLong() - eventTimestamp <= catchUpMillis;
        idleness.activity();
        if (quiet != null) {
            quiet.activity();
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        // Both timers are asked on every call: each tracks activity between its calls.
        boolean quietNow = quiet != null && quiet.checkIfIdle();
        boolean quietLong = idleness.checkIfIdle();
        if (seen) {
            long trailing = newest - outOfOrdernessMillis - 1;
            boolean followClock = quiet != null && (keepingUp ? quietNow : quietLong);
            long target = followClock ? Math.max(trailing, wallClock.getAsLong() - catchUpMillis) : trailing;
            if (target > emitted) {
                output.emitWatermark(new Watermark(target));
                emitted = target;
                idle = false;
            }
        }
        // A partition that catches up keeps moving with the clock instead of going idle.
        if ((quiet == null || !seen) && quietLong && !idle) {
            output.markIdle();
            idle = true;
        }
    }
}
