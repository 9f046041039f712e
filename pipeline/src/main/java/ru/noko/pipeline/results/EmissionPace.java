package ru.noko.pipeline.results;

/**
 * How often live figures of one key are written: at most once a second, and at once when the last emission is a
 * second old or more. A response to an organization nobody answered for a while shows in its figures without
 * waiting for a second's coalescing; a burst still writes one version a second.
 */
final class EmissionPace {

    static final long EVERY_MS = 1000;

    private EmissionPace() {}

    /** When to emit the key's figures next, given when they were last emitted (null: never). */
    static long next(Long lastEmission, long now) {
        return lastEmission == null ? now : Math.max(now, lastEmission + EVERY_MS);
    }
}
