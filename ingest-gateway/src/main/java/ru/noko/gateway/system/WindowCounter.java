package ru.noko.gateway.system;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code max} events per key in a window that starts with the key's first event: enough to keep one address
 * from being sent a flood of letters or from guessing a code. In memory, per instance.
 *
 * <p>A key is forgotten only when its window has passed, never to make room: a cache that evicted its oldest keys
 * under a flood of new ones once brought a spent code back to life. When {@code capacity} keys are counted, a new key
 * is refused instead (fail closed) until windows pass; the keys already counted keep counting.
 */
public final class WindowCounter {

    private final int max;
    private final Duration window;
    private final long capacity;
    private final Cache<String, AtomicInteger> counts;

    public WindowCounter(int max, Duration window, long capacity) {
        this(max, window, capacity, Ticker.systemTicker());
    }

    /** @param ticker the clock windows pass by (a test's, to let them pass) */
    public WindowCounter(int max, Duration window, long capacity, Ticker ticker) {
        this.max = max;
        this.window = window;
        this.capacity = capacity;
        this.counts =
                Caffeine.newBuilder().expireAfterWrite(window).ticker(ticker).build();
    }

    /**
     * Counts one event; false when the key already had {@code max} in its window (this one is not allowed), or when
     * the key is new and the counter is full.
     */
    public boolean tryCount(String key) {
        AtomicInteger count = counts.getIfPresent(key);
        if (count == null) {
            if (!roomForAnotherKey()) {
                return false;
            }
            count = counts.get(key, ignored -> new AtomicInteger());
        }
        return count.incrementAndGet() <= max;
    }

    /** Events left for the key in its window; none for a new key while the counter is full. */
    public int left(String key) {
        AtomicInteger count = counts.getIfPresent(key);
        if (count == null) {
            return roomForAnotherKey() ? max : 0;
        }
        return Math.max(0, max - count.get());
    }

    public long windowSeconds() {
        return window.toSeconds();
    }

    /** Keys counted now (expired ones may be included until the next clean-up). */
    public long keys() {
        return counts.estimatedSize();
    }

    private boolean roomForAnotherKey() {
        if (counts.estimatedSize() < capacity) {
            return true;
        }
        counts.cleanUp();
        return counts.estimatedSize() < capacity;
    }
}
