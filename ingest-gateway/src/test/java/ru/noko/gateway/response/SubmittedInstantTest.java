package ru.noko.gateway.response;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A submission's times read as the mapper's own Instant deserializer reads them, whatever the text. */
class SubmittedInstantTest {

    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Test
    void readsEveryTextAsTheGeneralDeserializerDoes() {
        Random random = new Random(8601);
        int direct = 0;
        for (int i = 0; i < 50_000; i++) {
            String text = generated(random);

            Object expected = general("\"" + text + "\"");
            Object read = submitted("\"" + text + "\"");

            assertThat(read).as(text).isEqualTo(expected);
            if (SubmittedInstant.utc(text) != null) {
                direct++;
            }
        }
        assertThat(direct).as("texts parsed directly").isGreaterThan(10_000);
    }

    @Test
    void leavesNumbersAndOffsetsToTheGeneralDeserializer() {
        for (String value :
                new String[] {"1733392800", "1733392800.5", "\"2026-12-05T13:00:00+03:00\"", "null", "true"}) {
            assertThat(submitted(value)).as(value).isEqualTo(general(value));
        }
        assertThat(submitted("\"2026-12-05T13:00:00+03:00\"")).isEqualTo(Instant.parse("2026-12-05T10:00:00Z"));
    }

    /** Well-formed instants with 0–9 fraction digits, some with one character changed. */
    private static String generated(Random random) {
        Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L));
        String text = instant.toString().replace(".000Z", "Z");
        if (random.nextBoolean()) {
            int digits = random.nextInt(10);
            StringBuilder fraction = new StringBuilder(digits == 0 ? "" : ".");
            for (int d = 0; d < digits; d++) {
                fraction.append((char) ('0' + random.nextInt(10)));
            }
            text = text.substring(0, text.length() - 1) + fraction + "Z";
        }
        if (random.nextInt(3) == 0) {
            int at = random.nextInt(text.length());
            char replacement = "0123459:-.TZzt +x".charAt(random.nextInt(17));
            text = text.substring(0, at) + replacement + text.substring(at + 1);
        }
        return text;
    }

    private Object general(String value) {
        try {
            return json.readValue(value, Instant.class);
        } catch (Exception e) {
            return "refused";
        }
    }

    private Object submitted(String value) {
        try {
            return json.readValue("{\"startedAt\": " + value + "}", SubmittedResponse.class)
                    .startedAt();
        } catch (Exception e) {
            return "refused";
        }
    }
}
