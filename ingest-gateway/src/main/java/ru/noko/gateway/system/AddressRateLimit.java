package ru.noko.gateway.system;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The optional limit of responses per client address: a token bucket per address (Bucket4j), refilled at
 * {@code perMinute} a minute and holding up to {@code burst}. Off by default. When on it must stay generous: a school
 * answers from behind one NAT address, and an organized session puts a whole class on one address at once, so the
 * burst must exceed a class and the rate a school's busiest minute. The anti-fraud checks, not this, decide which
 * responses count; this only keeps one address from flooding the endpoint. A registered organized session's address
 * is not limited while the session runs ({@link SessionAddresses}).
 */
@Component
public class AddressRateLimit {

    private final RateLimitSettings settings;
    private final SessionAddresses sessions;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(1_000_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    AddressRateLimit(RateLimitSettings settings, SessionAddresses sessions) {
        this.settings = settings;
        this.sessions = sessions;
    }

    /**
     * Whether a response from this address may go on: always when the limit is off, and always while a registered
     * organized session from the address runs.
     */
    public boolean allows(String address) {
        if (!settings.enabled() || sessions.inSession(address)) {
            return true;
        }
        return buckets.get(
                        address,
                        ignored -> Bucket.builder()
                                .addLimit(Bandwidth.builder()
                                        .capacity(settings.burst())
                                        .refillGreedy(settings.perMinute(), Duration.ofMinutes(1))
                                        .build())
                                .build())
                .tryConsume(1);
    }

    /** Seconds until the address may send again, for Retry-After. */
    public long retryAfterSeconds() {
        return Math.max(1, 60 / Math.max(1, settings.perMinute()));
    }
}
