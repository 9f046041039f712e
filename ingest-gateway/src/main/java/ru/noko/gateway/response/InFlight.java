package ru.noko.gateway.response;

import java.util.concurrent.Semaphore;

/**
 * A bound on the responses waiting for Kafka's acknowledgement: when it is reached the gateway answers 503 at once
 * rather than queue more work than Kafka takes, so a slow or absent broker costs memory that is bounded and answers
 * that come quickly, never a hang.
 */
final class InFlight {

    private final int limit;
    private final Semaphore permits;

    InFlight(int limit) {
        this.limit = limit;
        this.permits = new Semaphore(limit);
    }

    /** A place for one more response, or false when all are taken. */
    boolean tryEnter() {
        return permits.tryAcquire();
    }

    void leave() {
        permits.release();
    }

    int count() {
        return limit - permits.availablePermits();
    }
}
