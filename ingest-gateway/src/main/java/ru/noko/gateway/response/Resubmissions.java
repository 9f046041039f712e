package ru.noko.gateway.response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The idempotency keys this gateway instance has seen: for each (campaign, key), the fingerprint of the body it came
 * with, the response id it was given and how storing it went. A resubmission of the same body gets the same receipt
 * and is not sent to Kafka again (or waits for the first attempt, if that is still in flight); the same key with
 * another body is a conflict (409). Another instance, or this one after a restart, does not know the key: it derives
 * the same response id from the same key and body ({@link ResponseIds#resubmittable}), and the pipeline keeps one
 * response per id and rejects a second body under a key already used.
 */
@Component
class Resubmissions {

    /** What a client may send as a key: 1–128 of letters, digits, '-', '_', '.', ':'. */
    static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    /** One submission under a key. {@code stored} completes once Kafka has it, exceptionally if it was not stored. */
    record Submission(String fingerprint, String responseId, CompletableFuture<Void> stored) {}

    private final Cache<String, Submission> seen = Caffeine.newBuilder()
            .maximumSize(500_000)
            .expireAfterWrite(Duration.ofHours(24))
            .build();
    /** Sorted keys and fields, so the same content always writes the same bytes. */
    private final ObjectMapper canonical = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /** SHA-256 of the submission's content in canonical form: key order and spacing do not matter. */
    String fingerprint(SubmittedResponse submitted) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.writeValueAsBytes(submitted)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("a bound submission always serializes", e);
        }
    }

    /**
     * Registers {@code fresh} under its campaign and key, or returns the submission already there. A same-bodied
     * submission that was not stored (Kafka did not acknowledge) is replaced, so the resubmission tries again.
     */
    Submission claim(String campaignId, String key, Submission fresh) {
        String name = campaignId + '\n' + key;
        while (true) {
            Submission earlier = seen.asMap().putIfAbsent(name, fresh);
            if (earlier == null) {
                return null;
            }
            boolean failed = earlier.stored().isCompletedExceptionally();
            if (!failed || !earlier.fingerprint().equals(fresh.fingerprint())) {
                return earlier;
            }
            if (seen.asMap().replace(name, earlier, fresh)) {
                return null;
            }
        }
    }
}
