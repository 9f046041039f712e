package ru.noko.gateway.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.noko.gateway.system.InvalidField;
import ru.noko.methodology.instrument.Instrument;
import ru.noko.methodology.instrument.InstrumentLoader;

/** A posted form's fields become the answers the JSON API would carry, with what the respondent did not see dropped. */
class FormAnswersTest {

    private final Instrument noko = instrument("noko-education");
    private final Instrument satisfaction = instrument("regional-satisfaction");

    @Test
    void answersAreTypedByTheirQuestion() {
        Map<String, JsonNode> answers = FormAnswers.read(
                        satisfaction,
                        "parent",
                        Map.of(
                                "answers.org_type", List.of("general"),
                                "answers.learn_teaching", List.of("4"),
                                "answers.extra_attends", List.of("true"),
                                "answers.extra_areas", List.of("sports", "arts")))
                .answers();

        assertThat(answers.get("org_type").textValue()).isEqualTo("general");
        assertThat(answers.get("learn_teaching").isIntegralNumber()).isTrue();
        assertThat(answers.get("learn_teaching").longValue()).isEqualTo(4);
        assertThat(answers.get("extra_attends").booleanValue()).isTrue();
        assertThat(answers.get("extra_areas").toString()).isEqualTo("[\"sports\",\"arts\"]");
    }

    @Test
    void aNumberMayHaveACommaAndSpacesAndAWholeNumberStaysWhole() {
        assertThat(FormAnswers.read(noko, "parent", Map.of("answers.q17", List.of(" 38 ")))
                        .answers()
                        .get("q17")
                        .isIntegralNumber())
                .isTrue();
        assertThat(FormAnswers.read(noko, "parent", Map.of("answers.q17", List.of("38,0")))
                        .answers()
                        .get("q17")
                        .longValue())
                .isEqualTo(38);
        assertThat(FormAnswers.read(noko, "parent", Map.of("answers.q17", List.of("37,5")))
                        .answers()
                        .get("q17")
                        .doubleValue())
                .isEqualTo(37.5);
    }

    @Test
    void whatDoesNotReadAsItsTypeIsAProblemOfItsQuestion() {
        List<InvalidField> problems = FormAnswers.read(
                        satisfaction,
                        "parent",
                        Map.of(
                                "answers.learn_teaching", List.of("6"),
                                "answers.extra_attends", List.of("да"),
                                "answers.org_type", List.of("general", "preschool")))
                .problems();

        assertThat(problems)
                .extracting(InvalidField::field)
                .containsExactlyInAnyOrder("answers.learn_teaching", "answers.extra_attends", "answers.org_type");
        assertThat(problems)
                .extracting(InvalidField::message)
                .contains("Выберите оценку от 1 до 5", "Выберите «Да» или «Нет»", "Выберите один вариант ответа");
    }

    @Test
    void answersToQuestionsTheRespondentWasNotShownAreDropped() {
        FormAnswers.Read read = FormAnswers.read(
                satisfaction,
                "student",
                Map.of(
                        "answers.extra_attends", List.of("false"),
                        "answers.extra_areas", List.of("sports"),
                        "answers.org_type", List.of("preschool"),
                        "answers.grade_band", List.of("grades_1_4"),
                        "answers.teach_parents", List.of("5"),
                        "answers.learn_teaching", List.of(" ")));

        assertThat(read.answers())
                .as("skip logic, another role's question, a blank field")
                .containsOnlyKeys("extra_attends", "org_type");
        assertThat(read.problems()).isEmpty();
    }

    @Test
    void aQuestionHiddenBehindAHiddenOneIsDroppedToo() {
        // q2 needs q1 «Да»; an unreadable q1 is no answer, so q2 was not shown either.
        FormAnswers.Read read =
                FormAnswers.read(noko, "parent", Map.of("answers.q1", List.of("maybe"), "answers.q2", List.of("true")));

        assertThat(read.answers()).doesNotContainKey("q2");
        assertThat(read.problems()).extracting(InvalidField::field).containsExactly("answers.q1");
    }

    private static Instrument instrument(String id) {
        try {
            return InstrumentLoader.bundled(id);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
