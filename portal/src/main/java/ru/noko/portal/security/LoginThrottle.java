package ru.noko.portal.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Repeated failed logins stop being checked: {@value #PER_LOGIN} failures for one login, or {@value #PER_ADDRESS} from
 * one address, within a quarter of an hour, and further tries are refused without a password hash being computed
 * until the quarter is over. The rule the gateway's operator login kept, now the portal's.
 */
@Component
public class LoginThrottle {

    static final int PER_LOGIN = 5;
    static final int PER_ADDRESS = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Cache<String, AtomicInteger> failures = Caffeine.newBuilder()
            .expireAfterWrite(WINDOW)
            .maximumSize(1_000_000)
            .build();

    public boolean refuses(String login, String address) {
        return count("login:" + normalized(login)) >= PER_LOGIN || count("address:" + address) >= PER_ADDRESS;
    }

    public void failed(String login, String address) {
        failures.get("login:" + normalized(login), key -> new AtomicInteger()).incrementAndGet();
        failures.get("address:" + address, key -> new AtomicInteger()).incrementAndGet();
    }

    public void succeeded(String login) {
        failures.invalidate("login:" + normalized(login));
    }

    /** Forgets every failure: a fresh start (the tests' own, between cases). */
    public void forgetAll() {
        failures.invalidateAll();
    }

    private int count(String key) {
        AtomicInteger count = failures.getIfPresent(key);
        return count == null ? 0 : count.get();
    }

    private static String normalized(String login) {
        return login == null ? "" : login.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
