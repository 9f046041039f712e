package ru.noko.gateway.email;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import ru.noko.schemas.privacy.Pseudonymizer;

/**
 * The codes and proofs of e-mail confirmation, computed rather than stored: a code is the keyed signature of the
 * campaign, organization, address HMAC and the challenge the server issued with the letter, cut to six digits; a
 * proof is a longer signature of the same with the second of confirmation. Any gateway instance with the same key checks them, so a respondent
 * may ask one instance for a code and confirm it on another, and a restart forgets nothing that matters.
 */
final class ConfirmationCodes {

    /** How a code or a proof compares with what it should be. */
    enum Check {
        MATCHES,
        WRONG,
        EXPIRED,
        MALFORMED
    }

    private static final int DIGITS = 6;
    /** The second of sending, a random part, and the server's signature of both (96 bits: not to be guessed). */
    private static final int SIGNATURE_HEX = 24;

    private static final Pattern CHALLENGE = Pattern.compile("\\d{1,12}-[0-9a-f]{16}-[0-9a-f]{" + SIGNATURE_HEX + "}");
    /** A challenge (the second a code was sent) may be a little ahead of this instance's clock, not more. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final Pseudonymizer keys;
    private final Duration codeValidity;
    private final Duration proofValidity;

    ConfirmationCodes(Pseudonymizer keys, Duration codeValidity, Duration proofValidity) {
        this.keys = keys;
        this.codeValidity = codeValidity;
        this.proofValidity = proofValidity;
    }

    /**
     * The challenge the code page carries, which the code signs: the second the code was sent, a random part (so two
     * codes sent to one address in the same second differ, and each is exchanged once) and this server's signature of
     * both for this address and organization. Only a challenge the server issued with a letter is ever checked
     * against a code: without the signature, every invented challenge gave a guesser five fresh tries.
     */
    String challenge(String campaignId, String organizationId, String emailHmac, Instant sentAt) {
        String issued = sentAt.getEpochSecond() + "-"
                + HexFormat.of().formatHex(longBytes(ThreadLocalRandom.current().nextLong()));
        return issued + "-" + challengeSignature(campaignId, organizationId, emailHmac, issued);
    }

    private static byte[] longBytes(long value) {
        return java.nio.ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    /** Whether this server issued {@code challenge} with a letter to this address for this organization. */
    boolean issued(String campaignId, String organizationId, String emailHmac, String challenge) {
        if (challenge == null || !CHALLENGE.matcher(challenge).matches()) {
            return false;
        }
        int signature = challenge.lastIndexOf('-');
        return same(
                challenge.substring(signature + 1),
                challengeSignature(campaignId, organizationId, emailHmac, challenge.substring(0, signature)));
    }

    private String challengeSignature(String campaignId, String organizationId, String emailHmac, String issued) {
        return keys.signature("email-challenge", campaignId + "|" + organizationId + "|" + emailHmac + "|" + issued)
                .substring(0, SIGNATURE_HEX);
    }

    String code(String campaignId, String organizationId, String emailHmac, String challenge) {
        String signature =
                keys.signature("email-code", campaignId + "|" + organizationId + "|" + emailHmac + "|" + challenge);
        long number = Long.parseLong(signature.substring(0, 12), 16) % (long) Math.pow(10, DIGITS);
        return String.format("%0" + DIGITS + "d", number);
    }

    Instant expiresAt(String challenge) {
        return sentAt(challenge).plus(codeValidity);
    }

    /** @param given the code as typed: blanks and dashes between the digits are allowed */
    Check checkCode(
            String campaignId, String organizationId, String emailHmac, String challenge, String given, Instant now) {
        Instant sentAt = sentAt(challenge);
        if (sentAt == null
                || sentAt.isAfter(now.plus(CLOCK_SKEW))
                || !issued(campaignId, organizationId, emailHmac, challenge)) {
            return Check.MALFORMED;
        }
        String typed = given == null ? "" : given.replaceAll("[\\s-]", "");
        if (!typed.matches("\\d{" + DIGITS + "}")) {
            return Check.WRONG;
        }
        if (!same(typed, code(campaignId, organizationId, emailHmac, challenge))) {
            return Check.WRONG;
        }
        return now.isAfter(sentAt.plus(codeValidity)) ? Check.EXPIRED : Check.MATCHES;
    }

    /** A proof that this address was confirmed for this organization at {@code confirmedAt}. */
    String proof(String campaignId, String organizationId, String emailHmac, Instant confirmedAt) {
        String second = Long.toString(confirmedAt.getEpochSecond());
        return second + "." + proofSignature(campaignId, organizationId, emailHmac, second);
    }

    Instant proofValidUntil(Instant confirmedAt) {
        return Instant.ofEpochSecond(confirmedAt.getEpochSecond()).plus(proofValidity);
    }

    Check checkProof(String campaignId, String organizationId, String emailHmac, String proof, Instant now) {
        int dot = proof == null ? -1 : proof.indexOf('.');
        Instant confirmedAt = dot < 0 ? null : second(proof.substring(0, dot));
        if (confirmedAt == null || confirmedAt.isAfter(now.plus(CLOCK_SKEW))) {
            return Check.MALFORMED;
        }
        String second = proof.substring(0, dot);
        if (!same(proof.substring(dot + 1), proofSignature(campaignId, organizationId, emailHmac, second))) {
            return Check.WRONG;
        }
        return now.isAfter(confirmedAt.plus(proofValidity)) ? Check.EXPIRED : Check.MATCHES;
    }

    private String proofSignature(String campaignId, String organizationId, String emailHmac, String second) {
        return keys.signature("email-proof", campaignId + "|" + organizationId + "|" + emailHmac + "|" + second)
                .substring(0, 32);
    }

    /** The second a challenge was made, or null for text that is no challenge. */
    private static Instant sentAt(String challenge) {
        if (challenge == null || !CHALLENGE.matcher(challenge).matches()) {
            return null;
        }
        return second(challenge.substring(0, challenge.indexOf('-')));
    }

    private static Instant second(String text) {
        if (text == null || !text.matches("\\d{1,12}")) {
            return null;
        }
        return Instant.ofEpochSecond(Long.parseLong(text));
    }

    /** In constant time: how long a comparison takes says nothing about how much of a guess was right. */
    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(
                given.getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII));
    }
}
