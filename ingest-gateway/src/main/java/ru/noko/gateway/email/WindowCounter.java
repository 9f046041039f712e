package ru.noko.gateway.email;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code max} events per key in a window that starts with the key's first event: enough to keep one address
 * from being sent a flood of letters or from guessing a code. In memory, per instance, like the optional rate limit.
 */
final class WindowCounter {

    private final int max;
    private final Duration window;
    private final Cache<String, AtomicInteger> counts;

    WindowCounter(int max, Duration window) {
        this.max = max;
        this.window = window;
        this.counts = Caffeine.newBuilder()
                .maximumSize(1_000_000)
                .expireAfterWrite(window)
                .build();
    }

    /** Counts one event; false when the key already had {@code max} in its window (this one is not allowed). */
    boolean tryCount(String key) {
        return counts.get(key, ignored -> new AtomicInteger()).incrementAndGet() <= max;
    }

    /** Events left for the key in its window. */
    int left(String key) {
        AtomicInteger count = counts.getIfPresent(key);
        return Math.max(0, max - (count == null ? 0 : count.get()));
    }

    long windowSeconds() {
        return window.toSeconds();
    }
}
