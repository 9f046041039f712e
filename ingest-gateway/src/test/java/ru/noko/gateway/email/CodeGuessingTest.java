package ru.noko.gateway.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.noko.schemas.privacy.Pseudonymizer;

/**
 * A guesser against the e-mail confirmation, with the defaults of application.properties: every guess that is not
 * refused unchecked is one chance in a million, so what matters is how many guesses get checked.
 */
class CodeGuessingTest {

    private static final String KEY = "k".repeat(40);
    private static final Instant NOW = Instant.parse("2026-02-02T09:00:00Z");
    private static final EmailSettings DEFAULTS = new EmailSettings(
            "noko@localhost", Duration.ofMinutes(15), Duration.ofHours(3), 3, 200, 5, 10, 30, 10, 2_000_000, 1_000_000);

    private final Pseudonymizer keys = new Pseudonymizer(KEY);
    /** What the gateway's letters would have carried: challenges this server issued (no letter is sent here). */
    private final ConfirmationCodes server = new ConfirmationCodes(keys, Duration.ofMinutes(15), Duration.ofHours(3));

    private final EmailConfirmation confirmation = new EmailConfirmation(
            DEFAULTS, null, keys, Validation.buildDefaultValidatorFactory().getValidator());

    @Test
    void inventedChallengesGiveNoTriesAtAll() {
        int checked = 0;
        for (int i = 0; i < 10_000; i++) {
            String invented = NOW.getEpochSecond() + "-" + String.format("%016x", i) + "-" + "0".repeat(24);
            EmailConfirmation.Entry entry = confirmation.enter(
                    new CodeEntry("c", "school-1", "victim@example.ru", invented, String.format("%06d", i)),
                    "203.0.113." + i % 250,
                    NOW);
            if (!(entry instanceof EmailConfirmation.Entry.Invalid)) {
                checked++;
            }
        }

        assertThat(checked)
                .as("an invented challenge is refused before any code is compared")
                .isZero();
    }

    @Test
    void wrongTriesCountPerAddressWhateverCodesTheyWereFor() {
        String address = "victim@example.ru";
        List<String> outcomes = new ArrayList<>();
        for (int letter = 0; letter < 4; letter++) {
            String challenge = issued("school-1", address);
            StringBuilder letterOutcomes = new StringBuilder();
            for (int guess = 0; guess < 5; guess++) {
                EmailConfirmation.Entry entry = confirmation.enter(
                        entry(address, challenge, wrongCode(address, challenge)), "client-" + letter, NOW);
                letterOutcomes.append(entry.getClass().getSimpleName().charAt(0));
            }
            outcomes.add(letterOutcomes.toString());
        }

        assertThat(outcomes)
                .as("five tries of a code, the fifth spends it; ten wrong codes for the address in an hour, then none")
                .containsExactly("WWWWS", "WWWWS", "SSSSS", "SSSSS");
        String fresh = issued("school-1", address);
        assertThat(confirmation.enter(entry(address, fresh, rightCode(address, fresh)), "client-9", NOW))
                .as("even the right code of a new letter, until the hour is over")
                .isInstanceOf(EmailConfirmation.Entry.Spent.class);
    }

    /**
     * The guesser of the report, with many addresses and clients at once: past ten wrong codes in a minute nothing is
     * checked, not even a right code, so a refusal tells nothing. At ten checks a minute, the expected time to guess one
     * of the 10⁶ codes is 10⁵ minutes: about 70 days for one address, per gateway instance.
     */
    @Test
    void pastTheInstancesMinuteOfWrongCodesNothingIsCheckedAndGuessingAMillionCodesTakesMonths() {
        int checked = 0;
        int refusedUnchecked = 0;
        for (int i = 0; i < 2_000; i++) {
            String address = "guess" + i + "@example.ru";
            String challenge = issued("school-1", address);
            EmailConfirmation.Entry entry = confirmation.enter(
                    entry(address, challenge, wrongCode(address, challenge)), "203.0.113." + i % 250, NOW);
            if (entry instanceof EmailConfirmation.Entry.TooMany) {
                refusedUnchecked++;
            } else {
                checked++;
            }
        }
        String address = "real.parent@example.ru";
        String challenge = issued("school-1", address);
        EmailConfirmation.Entry right =
                confirmation.enter(entry(address, challenge, rightCode(address, challenge)), "198.51.100.1", NOW);

        assertThat(checked).isEqualTo(DEFAULTS.wrongCodesPerMinute());
        assertThat(refusedUnchecked).isEqualTo(2_000 - DEFAULTS.wrongCodesPerMinute());
        assertThat(right).as("not checked either").isInstanceOf(EmailConfirmation.Entry.TooMany.class);
        double daysToGuessOneCode = 1_000_000.0 / checked / 60 / 24;
        assertThat(daysToGuessOneCode).isGreaterThan(60);
    }

    @Test
    void oneClientGetsThirtyWrongCodesAnHour() {
        List<EmailConfirmation.Entry> entries = new ArrayList<>();
        EmailConfirmation generous = new EmailConfirmation(
                new EmailSettings(
                        "noko@localhost",
                        Duration.ofMinutes(15),
                        Duration.ofHours(3),
                        3,
                        200,
                        5,
                        10,
                        30,
                        1_000,
                        2_000_000,
                        1_000_000),
                null,
                keys,
                Validation.buildDefaultValidatorFactory().getValidator());
        for (int i = 0; i < 40; i++) {
            String address = "many" + i + "@example.ru";
            String challenge = issued("school-1", address);
            entries.add(generous.enter(entry(address, challenge, wrongCode(address, challenge)), "198.51.100.7", NOW));
        }

        assertThat(entries.stream().filter(EmailConfirmation.Entry.Wrong.class::isInstance))
                .hasSize(30);
        assertThat(entries.subList(30, 40)).allMatch(EmailConfirmation.Entry.TooMany.class::isInstance);
    }

    private String issued(String organization, String address) {
        return server.challenge("c", organization, keys.email(address), NOW);
    }

    private String rightCode(String address, String challenge) {
        return server.code("c", "school-1", keys.email(address), challenge);
    }

    private String wrongCode(String address, String challenge) {
        String right = rightCode(address, challenge);
        return right.equals("000000") ? "000001" : "000000";
    }

    private static CodeEntry entry(String address, String challenge, String code) {
        return new CodeEntry("c", "school-1", address, challenge, code);
    }
}
