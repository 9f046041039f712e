package ru.noko.pipeline.response;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The raw row's answers are stored as JSON, and a replay must write the same text: the question ids sorted, each
 * answer as Jackson writes its plain Java value.
 */
class ResponseRowsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesTheAnswersWithSortedQuestionIds() {
        Map<String, Object> answers = new HashMap<>();
        answers.put("q10", List.of("b", "a"));
        answers.put("q2", 4L);
        answers.put("q1", true);
        answers.put("q3", "да, «полностью»\n");
        answers.put("q4", 2.5);

        assertThat(ResponseRows.answersJson(answers))
                .isEqualTo("{\"q1\":true,\"q10\":[\"b\",\"a\"],\"q2\":4,\"q3\":\"да, «полностью»\\n\",\"q4\":2.5}");
        assertThat(ResponseRows.answersJson(Map.of())).isEqualTo("{}");
    }

    @Test
    void writesWhatJacksonWritesForASortedCopyOfRandomAnswers() throws Exception {
        Random random = new Random(21);
        for (int response = 0; response < 2_000; response++) {
            Map<String, Object> answers = new HashMap<>();
            int questions = random.nextInt(30);
            for (int i = 0; i < questions; i++) {
                answers.put(text(random, 1 + random.nextInt(6)), answer(random));
            }
            String written = ResponseRows.answersJson(answers);

            assertThat(written).isEqualTo(JSON.writeValueAsString(new TreeMap<>(answers)));
            assertThat(JSON.readValue(written, new TypeReference<Map<String, Object>>() {}))
                    .hasSameSizeAs(answers);
        }
    }

    private static Object answer(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> random.nextBoolean();
            case 1 -> random.nextLong() >> random.nextInt(64);
            case 2 -> random.nextDouble() * 1000 - 500;
            case 3 -> (double) random.nextInt(11);
            case 4 -> text(random, random.nextInt(40));
            default -> {
                List<String> options = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    options.add(text(random, random.nextInt(12)));
                }
                yield options;
            }
        };
    }

    /** Latin, Cyrillic, quotes, backslashes, control characters and a surrogate pair. */
    private static String text(Random random, int length) {
        String alphabet = "abcxyzQ019_-абвгдеёжЯ \"\\/\n\t\u0001\u007f€";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (random.nextInt(50) == 0) {
                text.append("😀");
            } else {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return text.toString();
    }
}
