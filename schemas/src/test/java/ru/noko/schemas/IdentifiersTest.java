package ru.noko.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The loops that check ids, roles and device tokens answer as the patterns every other stage declares them by. */
class IdentifiersTest {

    private static final String ALPHABET = "azAZ09._-_ /Яé\n\u0000bq";

    @Test
    void anIdIsWhatThePatternAccepts() {
        Random random = new Random(64);
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            String text = generated(random);
            boolean expected = Identifiers.ID_PATTERN.matcher(text).matches();

            assertThat(Identifiers.isId(text)).as("'%s'", text).isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        assertThat(accepted).as("generated ids the pattern accepts").isGreaterThan(10_000);
    }

    @Test
    void aRoleIsWhatThePatternAccepts() {
        Random random = new Random(32);
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            String text = generated(random).toLowerCase();
            boolean expected = Identifiers.ROLE_PATTERN.matcher(text).matches();

            assertThat(Identifiers.isRole(text)).as("'%s'", text).isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        assertThat(accepted).as("generated roles the pattern accepts").isGreaterThan(5_000);
    }

    @Test
    void aDeviceTokenIsWhatThePatternAccepts() {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(Identifiers.DEVICE_TOKEN);
        Random random = new Random(16);
        int accepted = 0;
        for (int i = 0; i < 100_000; i++) {
            StringBuilder token = new StringBuilder();
            String alphabet = random.nextBoolean() ? "aZ09_-" : "aZ09_- .+=/Я";
            for (int c = random.nextInt(4) == 0 ? 120 + random.nextInt(12) : random.nextInt(24); c > 0; c--) {
                token.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            boolean expected = pattern.matcher(token).matches();

            assertThat(Identifiers.isDeviceToken(token.toString()))
                    .as("'%s'", token)
                    .isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        assertThat(accepted).isGreaterThan(10_000);
    }

    /** Mostly short strings, many of a single run of valid characters, some around the 32 and 64 limits. */
    private static String generated(Random random) {
        int length = random.nextInt(4) == 0 ? 28 + random.nextInt(40) : random.nextInt(12);
        boolean clean = random.nextBoolean();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(clean ? "abqz_".charAt(random.nextInt(5)) : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
