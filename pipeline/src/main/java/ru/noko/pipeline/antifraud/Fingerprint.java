package ru.noko.pipeline.antifraud;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * 64 bits of SHA-256: what the one-per-person checks remember of an identifier and of the response that counted.
 * Every checkpoint writes this state in full, so eight bytes instead of an e-mail HMAC or a device token and a
 * response id keep it small. Within one organization a thousand identifiers collide with odds of about 1 in 10^13,
 * and a cryptographic hash leaves no way to craft a token that collides with someone else's.
 */
public final class Fingerprint {

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });

    private Fingerprint() {}

    public static long of(String text) {
        byte[] digest = SHA_256.get().digest(text.getBytes(StandardCharsets.UTF_8));
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = value << 8 | (digest[i] & 0xFF);
        }
        return value;
    }
}
