package ru.noko.gateway.response;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.noko.gateway.system.InvalidField;

/**
 * The precompiled format check finds exactly the problems Bean Validation finds from {@link SubmittedResponse}'s
 * annotations — field, rule and message — on bodies generated from values at and around every rule's edges.
 */
class SubmissionFormatTest {

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    private static final List<String> IDENTIFIERS = List.of(
            "demo-2026-noko",
            "a",
            "A.b_c-9",
            "9",
            "",
            " ",
            "  \t",
            "-starts-with-dash",
            ".dot",
            "кириллица",
            "has space",
            "x".repeat(64),
            "x".repeat(65),
            "a/b",
            "a\nb");
    private static final List<String> ROLES = List.of(
            "parent",
            "student",
            "pa",
            "p",
            "Parent",
            "par_ent",
            "_parent",
            "p".repeat(32),
            "p".repeat(33),
            "",
            " ",
            "родитель",
            "parent1");
    private static final List<String> TOKENS = List.of(
            "t".repeat(15),
            "t".repeat(16),
            "t".repeat(128),
            "t".repeat(129),
            "device-token_0123456789",
            "device token 0123456789",
            "",
            "токен-устройства-0123456789");
    private static final List<String> EMAILS = List.of(
            "parent@example.ru",
            "parent@школа.рф",
            "no-at-sign",
            "two@@example.ru",
            "a@localhost",
            "a@ru",
            "a@192.168.0.1",
            "",
            " ",
            "a@" + "x".repeat(250) + ".ru",
            "Родитель@example.ru",
            "a@example.ru ",
            "first.last+tag@mail.example.ru",
            "a-b_c@x-y.co.uk",
            "a.@example.ru",
            ".a@example.ru",
            "a..b@example.ru",
            "a@-x.ru",
            "a@x-.ru",
            "a@example.r1",
            "a@" + "x".repeat(63) + ".ru",
            "a@" + "x".repeat(64) + ".ru",
            "l".repeat(64) + "@example.ru",
            "l".repeat(65) + "@example.ru",
            "a@example.local",
            "a@example.ru.",
            "l".repeat(64) + "@" + ("d".repeat(60) + ".").repeat(3) + "example.ru");
    private static final List<String> TEXTS = List.of("", "proof", "p".repeat(200), "p".repeat(201));

    @Test
    void findsWhatBeanValidationFindsOnGeneratedBodies() {
        SubmissionFormat format = new SubmissionFormat(validator);
        Random random = new Random(21);
        for (int i = 0; i < 5000; i++) {
            SubmittedResponse submitted = new SubmittedResponse(
                    pick(IDENTIFIERS, random),
                    pick(IDENTIFIERS, random),
                    pick(ROLES, random),
                    answers(random),
                    random.nextInt(8) == 0 ? null : Instant.parse("2026-12-05T10:00:00Z"),
                    random.nextInt(8) == 0 ? null : Instant.parse("2026-12-05T10:05:00Z"),
                    pick(TOKENS, random),
                    pick(EMAILS, random),
                    pick(TEXTS, random),
                    pick(TEXTS, random));
            List<InvalidField> expected = new ArrayList<>();
            validator.validate(submitted).forEach(violation -> expected.add(InvalidField.of(violation)));
            List<InvalidField> found = new ArrayList<>();
            format.check(submitted, found);

            assertThat(sorted(found)).as("%s", submitted).isEqualTo(sorted(expected));
        }
    }

    @Test
    void aValidSubmissionHasNoFormatProblem() {
        List<InvalidField> found = new ArrayList<>();
        new SubmissionFormat(validator)
                .check(
                        new SubmittedResponse(
                                "demo-2026-noko",
                                "irk-sosh-7",
                                "parent",
                                Map.of("q1", BooleanNode.TRUE),
                                Instant.parse("2026-12-05T10:00:00Z"),
                                Instant.parse("2026-12-05T10:05:00Z"),
                                "device-token_0123456789",
                                "parent@example.ru",
                                null,
                                null),
                        found);

        assertThat(found).isEmpty();
    }

    @Test
    void everyAddressTakenWithoutTheValidatorIsOneTheValidatorAccepts() {
        String alphabet = "aZ09._+-@@..--xЯ \"()[]!#";
        Random random = new Random(7);
        int plain = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder address = new StringBuilder();
            int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 300 : 24);
            for (int c = 0; c < length; c++) {
                address.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            // Mostly one '@' with a known suffix, so that many candidates are plausible addresses; and addresses of
            // long parts, around the limits of 64, 63 and 254 characters.
            String candidate = switch (random.nextInt(3)) {
                case 0 -> address + "@mail.ru";
                case 1 -> address.toString();
                default -> longParts(random);
            };
            if (SubmissionFormat.plainPublicAddress(candidate)) {
                plain++;
                assertThat(validator.validateValue(SubmittedResponse.class, "email", candidate))
                        .as(candidate)
                        .isEmpty();
            }
        }
        assertThat(plain).as("addresses taken without the validator").isGreaterThan(1000);
        assertThat(SubmissionFormat.plainPublicAddress("parent12@example.ru")).isTrue();
        assertThat(SubmissionFormat.plainPublicAddress("parent@школа.рф"))
                .as("left to the validator")
                .isFalse();
        assertThat(SubmissionFormat.plainPublicAddress("a@localhost")).isFalse();
        String tooLong = "l".repeat(64) + "@" + ("d".repeat(60) + ".").repeat(3) + "example.ru";
        assertThat(SubmissionFormat.plainPublicAddress(tooLong))
                .as("over @Size's 254 characters")
                .isFalse();
    }

    private static String longParts(Random random) {
        StringBuilder address = new StringBuilder("l".repeat(1 + random.nextInt(70))).append('@');
        for (int label = random.nextInt(5); label >= 0; label--) {
            address.append("d".repeat(1 + random.nextInt(66))).append('.');
        }
        return address.append("ru").toString();
    }

    /** Null in one case of six. */
    private static String pick(List<String> values, Random random) {
        return random.nextInt(6) == 0 ? null : values.get(random.nextInt(values.size()));
    }

    private static Map<String, JsonNode> answers(Random random) {
        int size = switch (random.nextInt(5)) {
            case 0 -> -1;
            case 1 -> 0;
            case 2 -> AnswerRules.MAX_ANSWERS;
            case 3 -> AnswerRules.MAX_ANSWERS + 1;
            default -> 1 + random.nextInt(20);
        };
        if (size < 0) {
            return null;
        }
        Map<String, JsonNode> answers = new HashMap<>();
        for (int i = 0; i < size; i++) {
            answers.put("q" + i, BooleanNode.TRUE);
        }
        return answers;
    }

    private static List<InvalidField> sorted(List<InvalidField> problems) {
        List<InvalidField> copy = new ArrayList<>(problems);
        copy.sort(Comparator.comparing(InvalidField::field)
                .thenComparing(InvalidField::rule)
                .thenComparing(InvalidField::message));
        return copy;
    }
}
