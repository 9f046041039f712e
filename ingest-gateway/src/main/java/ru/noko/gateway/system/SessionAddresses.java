package ru.noko.gateway.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The addresses of registered organized sessions, read from the sessions topic, so that the optional rate limit never
 * refuses a class answering in a computer room: while a session runs, its address is not limited at all (the pipeline
 * still applies the session's own rule). Only read while the rate limit is on; each instance reads the whole topic
 * from its beginning with no consumer group, so every instance knows every session. The addresses stay in memory
 * only, never in a log.
 */
@Component
public class SessionAddresses implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SessionAddresses.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A session's time on the gateway's clock, [from, to). */
    record Period(long fromMillis, long toMillis) {}

    private final KafkaSettings kafka;
    private final RateLimitSettings rateLimit;
    private final Clock clock;
    private final Map<String, List<Period>> periods = new ConcurrentHashMap<>();
    private volatile TopicFollower follower;

    SessionAddresses(KafkaSettings kafka, RateLimitSettings rateLimit, Clock clock) {
        this.kafka = kafka;
        this.rateLimit = rateLimit;
        this.clock = clock;
    }

    /** Whether a registered session from this address is running now. */
    public boolean inSession(String address) {
        List<Period> registered = periods.get(address);
        if (registered == null) {
            return false;
        }
        long now = clock.millis();
        return registered.stream().anyMatch(period -> now >= period.fromMillis() && now < period.toMillis());
    }

    /** Takes in one registration; a record that does not read is skipped (the pipeline records why). */
    void register(byte[] value) {
        try {
            JsonNode json = JSON.readTree(value);
            String address = json.path("ipAddress").asText("");
            long from = Instant.parse(json.path("from").asText()).toEpochMilli();
            long to = Instant.parse(json.path("to").asText()).toEpochMilli();
            if (!address.isBlank() && to > from && to > clock.millis()) {
                periods.computeIfAbsent(address, ignored -> new CopyOnWriteArrayList<>())
                        .add(new Period(from, to));
            }
        } catch (Exception e) {
            log.debug("An organized-session record does not read: {}", e.getMessage());
        }
    }

    @Override
    public void start() {
        if (!rateLimit.enabled()) {
            return;
        }
        follower = new TopicFollower(
                kafka.bootstrapServers(),
                kafka.sessionsTopic(),
                "organized-sessions",
                this::register,
                this::forgetEnded);
        follower.start();
    }

    private void forgetEnded() {
        long now = clock.millis();
        periods.values().forEach(list -> list.removeIf(period -> period.toMillis() <= now));
        periods.values().removeIf(List::isEmpty);
    }

    @Override
    public void stop() {
        if (follower != null) {
            follower.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return follower != null && follower.isRunning();
    }
}
