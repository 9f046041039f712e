package ru.noko.schemas.privacy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed HMAC-SHA256 of identifying values (e-mail addresses, IP addresses). Equal inputs give equal pseudonyms, so
 * duplicates can still be found, but without the key nobody can go back to the e-mail or the address. The key comes
 * from the environment ({@value #KEY_VARIABLE}) and is shared by the gateway and the pipeline.
 */
public final class Pseudonymizer {

    public static final String KEY_VARIABLE = "NOKO_PSEUDONYM_KEY";
    static final int MIN_KEY_LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    /**
     * One initialized MAC per thread: looking the algorithm up and initializing it with the key for every value cost a
     * survey page view more than its HMAC did (BENCHMARKS.md, the security checks).
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public Pseudonymizer(String secret) {
        if (secret == null || secret.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException(
                    KEY_VARIABLE + " must be set to a secret of at least " + MIN_KEY_LENGTH + " characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** E-mail addresses differ only in case and surrounding blanks for the same person. */
    public String email(String email) {
        return hmac("email:" + email.strip().toLowerCase(Locale.ROOT));
    }

    public String ipAddress(String ipAddress) {
        return hmac("ip:" + ipAddress.strip());
    }

    /**
     * A keyed signature for the gateway's own tokens (e-mail confirmation codes and proofs), under its own label so it
     * never equals a pseudonym of the same text.
     */
    public String signature(String purpose, String value) {
        return hmac("sign:" + purpose + ":" + value);
    }

    private String hmac(String value) {
        Mac mac = macs.get();
        // doFinal resets the MAC to its key, ready for the thread's next value.
        return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
