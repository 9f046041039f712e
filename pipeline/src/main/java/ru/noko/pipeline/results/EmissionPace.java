package ru.noko.pipeline.results;

/**
 * How often live figures of one key are written: at most once a second, and at once when the last emission is a
 * second old or more. A response to an organization nobody answered for a while shows in its figures without
 * waiting for a second's coalescing; a burst still writes one version a second.
 *
 * <p>While the job catches up on a backlog (after a restart, an outage, a replay), the changes it reads are already
 * more than {@link #BACKLOG_LAG_MS} old: figures written every second would each be as stale as the backlog, and
 * writing and scoring them for every busy organization took a third of the job's time. A key whose last change came
 * from a backlog and that is still changing writes at most every {@link #BACKLOG_EVERY_MS}; once it has been quiet for
 * a second, or a change arrives on time, it writes at once, so the backlog's end shows as soon as before.
 */
final class EmissionPace {

    static final long EVERY_MS = 1000;

    /** A change read this long after its receipt belongs to a backlog. */
    static final long BACKLOG_LAG_MS = 10_000;

    /** How often a key busy with a backlog writes its figures. */
    static final long BACKLOG_EVERY_MS = 10_000;

    private EmissionPace() {}

    /** When to emit the key's figures next, given when they were last emitted (null: never). */
    static long next(Long lastEmission, long now) {
        return lastEmission == null ? now : Math.max(now, lastEmission + EVERY_MS);
    }

    /** Whether a response received at {@code receivedAt} and read {@code now} is part of a backlog. */
    static boolean isBacklog(long receivedAt, long now) {
        return now - receivedAt > BACKLOG_LAG_MS;
    }

    /**
     * Whether figures due {@code now} wait another second: the key's last change came from a backlog less than a
     * second ago (null: its last change was on time), so more are coming, and its figures were written less than
     * {@link #BACKLOG_EVERY_MS} ago.
     */
    static boolean waits(Long lastEmission, Long lastBacklogChange, long now) {
        return lastBacklogChange != null
                && now - lastBacklogChange < EVERY_MS
                && lastEmission != null
                && now - lastEmission < BACKLOG_EVERY_MS;
    }
}
