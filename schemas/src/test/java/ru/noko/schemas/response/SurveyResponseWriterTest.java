package ru.noko.schemas.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;
import ru.noko.schemas.avro.ClientMetadata;
import ru.noko.schemas.avro.SurveyResponse;

class SurveyResponseWriterTest {

    private static final String LETTERS = "aZ09-_.@ жЁ€\u00e9😀";
    private final BinaryMessageEncoder<SurveyResponse> avro = SurveyResponse.getEncoder();

    @Test
    void writesTheBytesAvrosEncoderWritesForGeneratedRecords() throws Exception {
        Random random = new Random(21);
        for (int i = 0; i < 3_000; i++) {
            SurveyResponse response = generated(random);

            byte[] written = SurveyResponseWriter.write(response);

            assertThat(written).as("record %d: %s", i, response).isEqualTo(avroBytes(response));
        }
    }

    @Test
    void leavesToAvroWhatTheUnionHasNoBranchFor() {
        SurveyResponse response = generated(new Random(1));
        response.getAnswers().put("q-int", 5);

        assertThat(SurveyResponseWriter.write(response)).isNull();
        assertThatThrownBy(() -> new SurveyResponseCodec().encode(response)).hasMessageContaining("Not in union");
    }

    @Test
    void leavesToAvroANullWhereTheSchemaHasNone() {
        SurveyResponse response = generated(new Random(2));
        response.setCampaignId(null);
        SurveyResponse withNullOption = generated(new Random(3));
        withNullOption.getAnswers().put("q-options", Arrays.asList("a", null));

        assertThat(SurveyResponseWriter.write(response)).isNull();
        assertThat(SurveyResponseWriter.write(withNullOption)).isNull();
        assertThatThrownBy(() -> new SurveyResponseCodec().encode(response)).isInstanceOf(NullPointerException.class);
    }

    private byte[] avroBytes(SurveyResponse response) throws Exception {
        ByteBuffer buffer = avro.encode(response);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static SurveyResponse generated(Random random) {
        Map<String, Object> answers = new LinkedHashMap<>();
        int count = random.nextInt(4) == 0 ? 0 : random.nextInt(1, 40);
        for (int i = 0; i < count; i++) {
            answers.put(text(random, 1 + random.nextInt(12)), answer(random));
        }
        return SurveyResponse.newBuilder()
                .setResponseId(text(random, 36))
                .setCampaignId(text(random, random.nextInt(30)))
                .setOrganizationId(text(random, random.nextInt(30)))
                .setRespondentRole(text(random, random.nextInt(12)))
                .setAnswers(answers)
                .setStartedAt(instant(random))
                .setSubmittedAt(instant(random))
                .setReceivedAt(instant(random))
                .setClient(ClientMetadata.newBuilder()
                        .setIpAddress(text(random, random.nextInt(40)))
                        .setUserAgent(optional(random, 300))
                        .setDeviceToken(optional(random, 64))
                        .setEmailHmac(optional(random, 64))
                        .build())
                .setIdempotencyKey(optional(random, 128))
                .build();
    }

    private static Object answer(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> random.nextBoolean();
            case 1 -> random.nextLong() >> random.nextInt(64);
            case 2 ->
                random.nextInt(10) == 0 ? Double.NaN : random.nextGaussian() * Math.pow(10, random.nextInt(-5, 9));
            case 3 -> text(random, random.nextInt(200));
            case 4 -> new Utf8(text(random, random.nextInt(20)));
            case 5 -> {
                List<CharSequence> options = new ArrayList<>();
                for (int i = random.nextInt(6); i > 0; i--) {
                    options.add(random.nextBoolean() ? text(random, 8) : new Utf8(text(random, 8)));
                }
                yield options;
            }
            default -> (long) random.nextInt(-3, 6);
        };
    }

    private static Instant instant(Random random) {
        return Instant.ofEpochMilli(random.nextLong(-2_000_000_000_000L, 4_000_000_000_000L));
    }

    private static String optional(Random random, int length) {
        return random.nextInt(3) == 0 ? null : text(random, random.nextInt(length));
    }

    private static String text(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int at = random.nextInt(LETTERS.length() - 1);
            // A surrogate pair is taken whole; a lone surrogate now and then, as a hostile client may send.
            if (Character.isHighSurrogate(LETTERS.charAt(at))) {
                text.append(LETTERS, at, random.nextInt(5) == 0 ? at + 1 : at + 2);
            } else if (!Character.isLowSurrogate(LETTERS.charAt(at))) {
                text.append(LETTERS.charAt(at));
            }
        }
        return text.toString();
    }
}
