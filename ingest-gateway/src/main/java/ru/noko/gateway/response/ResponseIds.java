package ru.noko.gateway.response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Response ids. A fresh one is a time-ordered UUID (version 7, RFC 9562): the millisecond of receipt, then 74 random
 * bits from the thread's own generator. {@code UUID.randomUUID()} draws from one SecureRandom behind a lock that every
 * request thread waited on; an id is a receipt, not a secret, so a fast generator and the time suffice to make it
 * unique. A resubmission's id is derived from what it resubmits (version 8: SHA-256 of the campaign, the client's
 * idempotency key and the body's fingerprint), so every gateway instance, before or after a restart, gives the same
 * submission the same id.
 */
final class ResponseIds {

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    });

    private ResponseIds() {}

    static String fresh(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (epochMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long least = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(most, least).toString();
    }

    /** The same campaign, key and body fingerprint always give the same id. */
    static String resubmittable(String campaignId, String idempotencyKey, String bodyFingerprint) {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        byte[] hash = digest.digest(
                (campaignId + '\n' + idempotencyKey + '\n' + bodyFingerprint).getBytes(StandardCharsets.UTF_8));
        long most = 0;
        long least = 0;
        for (int i = 0; i < 8; i++) {
            most = (most << 8) | (hash[i] & 0xFF);
            least = (least << 8) | (hash[8 + i] & 0xFF);
        }
        most = (most & ~0xF000L) | 0x8000L;
        least = (least & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(most, least).toString();
    }
}
