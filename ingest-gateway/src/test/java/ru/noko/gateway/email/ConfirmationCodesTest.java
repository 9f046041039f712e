package ru.noko.gateway.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import ru.noko.gateway.email.ConfirmationCodes.Check;
import ru.noko.schemas.privacy.Pseudonymizer;

class ConfirmationCodesTest {

    private static final Instant SENT = Instant.parse("2026-02-02T09:00:00Z");
    private static final String ADDRESS = new Pseudonymizer("k".repeat(40)).email("mama@example.ru");

    private final ConfirmationCodes codes =
            new ConfirmationCodes(new Pseudonymizer("k".repeat(40)), Duration.ofMinutes(15), Duration.ofHours(3));
    private final String challenge = codes.challenge("c", "school-1", ADDRESS, SENT);
    private final String code = codes.code("c", "school-1", ADDRESS, challenge);

    @Test
    void aCodeIsSixDigitsThatAnyInstanceWithTheKeyComputesAlike() {
        assertThat(code).matches("\\d{6}");
        assertThat(new ConfirmationCodes(new Pseudonymizer("k".repeat(40)), Duration.ofMinutes(15), Duration.ofHours(3))
                        .code("c", "school-1", ADDRESS, challenge))
                .isEqualTo(code);
        assertThat(new ConfirmationCodes(new Pseudonymizer("x".repeat(40)), Duration.ofMinutes(15), Duration.ofHours(3))
                        .code("c", "school-1", ADDRESS, challenge))
                .as("another key, another code")
                .isNotEqualTo(code);
    }

    @Test
    void twoCodesSentToOneAddressInOneSecondDiffer() {
        String again = codes.challenge("c", "school-1", ADDRESS, SENT);

        assertThat(again).isNotEqualTo(challenge).startsWith(SENT.getEpochSecond() + "-");
        assertThat(codes.checkCode("c", "school-1", ADDRESS, again, code, SENT))
                .as("the first code does not answer the second sending")
                .isEqualTo(Check.WRONG);
        assertThat(codes.checkCode("c", "school-1", ADDRESS, again, codes.code("c", "school-1", ADDRESS, again), SENT))
                .isEqualTo(Check.MATCHES);
    }

    @Test
    void theCodeMatchesWithinItsValidityAndNotAfter() {
        assertThat(codes.checkCode("c", "school-1", ADDRESS, challenge, code, SENT.plusSeconds(899)))
                .isEqualTo(Check.MATCHES);
        assertThat(codes.checkCode("c", "school-1", ADDRESS, challenge, code, SENT.plusSeconds(901)))
                .isEqualTo(Check.EXPIRED);
        assertThat(codes.expiresAt(challenge)).isEqualTo(SENT.plus(Duration.ofMinutes(15)));
    }

    @Test
    void theCodeIsForOneAddressOrganizationAndSending() {
        Instant now = SENT.plusSeconds(60);
        String otherAddress = new Pseudonymizer("k".repeat(40)).email("papa@example.ru");

        assertThat(codes.checkCode("c", "school-2", ADDRESS, challenge, code, now))
                .as("the challenge was issued for another organization")
                .isEqualTo(Check.MALFORMED);
        assertThat(codes.checkCode("c", "school-1", otherAddress, challenge, code, now))
                .as("the challenge was issued for another address")
                .isEqualTo(Check.MALFORMED);
        assertThat(codes.checkCode(
                        "c",
                        "school-1",
                        ADDRESS,
                        (SENT.getEpochSecond() + 30) + challenge.substring(challenge.indexOf('-')),
                        code,
                        now))
                .as("a challenge moved later to extend the code's life")
                .isEqualTo(Check.MALFORMED);
        assertThat(codes.checkCode("c", "school-1", ADDRESS, "tomorrow", code, now))
                .isEqualTo(Check.MALFORMED);
        assertThat(codes.checkCode(
                        "c",
                        "school-1",
                        ADDRESS,
                        codes.challenge("c", "school-1", ADDRESS, now.plusSeconds(3600)),
                        code,
                        now))
                .as("sent in the future")
                .isEqualTo(Check.MALFORMED);
    }

    @Test
    void anInventedChallengeIsNeverCheckedAgainstACodeEvenTheOneItWouldGive() {
        String invented = SENT.getEpochSecond() + "-0123456789abcdef-" + "0".repeat(24);
        String itsCode = codes.code("c", "school-1", ADDRESS, invented);

        assertThat(codes.issued("c", "school-1", ADDRESS, invented)).isFalse();
        assertThat(codes.checkCode("c", "school-1", ADDRESS, invented, itsCode, SENT.plusSeconds(5)))
                .as("only a challenge the server issued with a letter counts")
                .isEqualTo(Check.MALFORMED);
        assertThat(codes.issued("c", "school-1", ADDRESS, challenge)).isTrue();
    }

    @Test
    void blanksAndDashesInATypedCodeDoNotMatter() {
        String typed = " " + code.substring(0, 3) + "-" + code.substring(3) + " ";

        assertThat(codes.checkCode("c", "school-1", ADDRESS, challenge, typed, SENT))
                .isEqualTo(Check.MATCHES);
        assertThat(codes.checkCode("c", "school-1", ADDRESS, challenge, "12345", SENT))
                .isEqualTo(Check.WRONG);
    }

    @Test
    void aProofHoldsForItsAddressAndOrganizationForThreeHours() {
        Instant confirmed = SENT.plusSeconds(120);
        String proof = codes.proof("c", "school-1", ADDRESS, confirmed);

        assertThat(codes.checkProof("c", "school-1", ADDRESS, proof, confirmed.plus(Duration.ofHours(3))))
                .isEqualTo(Check.MATCHES);
        assertThat(codes.checkProof(
                        "c",
                        "school-1",
                        ADDRESS,
                        proof,
                        confirmed.plus(Duration.ofHours(3)).plusSeconds(1)))
                .isEqualTo(Check.EXPIRED);
        assertThat(codes.checkProof("c", "school-2", ADDRESS, proof, confirmed)).isEqualTo(Check.WRONG);
        String later = (confirmed.getEpochSecond() + 3600) + proof.substring(proof.indexOf('.'));
        assertThat(codes.checkProof("c", "school-1", ADDRESS, later, confirmed.plusSeconds(3600)))
                .as("a proof moved later to extend it")
                .isEqualTo(Check.WRONG);
        assertThat(codes.checkProof("c", "school-1", ADDRESS, "no proof", confirmed))
                .isEqualTo(Check.MALFORMED);
    }
}
