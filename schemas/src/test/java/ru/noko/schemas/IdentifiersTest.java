package ru.noko.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The loops that check ids and roles answer as the patterns every other stage declares them by. */
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
