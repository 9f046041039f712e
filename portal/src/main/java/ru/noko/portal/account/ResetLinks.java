package ru.noko.portal.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One-time password reset links the operator issues: the token is shown once, only its SHA-256 is stored, and it works
 * once within a day.
 */
@Component
public class ResetLinks {

    static final Duration VALIDITY = Duration.ofHours(24);

    private final JdbcClient db;
    private final Clock clock;

    ResetLinks(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A new link's token for the account. */
    public String issue(long accountId) {
        String token = Passwords.token();
        db.sql("INSERT INTO password_resets (token_hash, account_id, expires_at) VALUES (?, ?, ?)")
                .params(hash(token), accountId, Timestamp.from(clock.instant().plus(VALIDITY)))
                .update();
        return token;
    }

    /** The account a token is good for now, if it is. */
    public Optional<Long> account(String token) {
        return db.sql(
                        "SELECT account_id FROM password_resets WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")
                .params(hash(token), Timestamp.from(clock.instant()))
                .query(Long.class)
                .optional();
    }

    /** Spends a token; false when it was spent or expired meanwhile. */
    public boolean use(String token) {
        Instant now = clock.instant();
        return db.sql(
                                "UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")
                        .params(Timestamp.from(now), hash(token), Timestamp.from(now))
                        .update()
                == 1;
    }

    private static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
