package ru.noko.methodology.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.numbers.fraction.BigFraction;
import org.assertj.core.api.AbstractDoubleAssert;
import org.assertj.core.api.AbstractListAssert;
import org.assertj.core.api.ObjectAssert;
import org.assertj.core.data.Offset;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ru.noko.methodology.campaign.CampaignResult;
import ru.noko.methodology.campaign.CampaignScoring;
import ru.noko.methodology.campaign.TerritoryFigure;
import ru.noko.methodology.model.Coverage;
import ru.noko.methodology.model.ModelLoader;
import ru.noko.methodology.model.NokoModel;
import ru.noko.methodology.model.ScoringModel;
import ru.noko.methodology.model.TerritoryBasis;
import ru.noko.methodology.model.TopicSharesModel;
import ru.noko.methodology.model.TopicSharesModel.Topic;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.registry.OrganizationType;
import ru.noko.methodology.scoring.Exact;
import ru.noko.methodology.scoring.Level;
import ru.noko.methodology.scoring.Metric;
import ru.noko.methodology.scoring.MetricStatus;
import ru.noko.methodology.scoring.SurveyCounters;

/**
 * The bundled questionnaires and their scoring models: each loads and passes the loaders' checks, realistic responses
 * are accepted, each kind of mistake is reported with its field and rule, and the topic-share models turn a few
 * hand-made responses into the shares and levels worked out by hand.
 */
class SurveyInstrumentsTest {

    /** Shares are ratios of small whole numbers, so anything beyond floating-point noise is a real difference. */
    private static final Offset<Double> EXACT = within(1e-9);

    @Nested
    class NokoEducation {

        private final Instrument instrument = bundled("noko-education");

        @Test
        void loadsWithItsNokoModel() throws IOException {
            Instrument loaded = InstrumentLoader.bundled("noko-education");
            ScoringModel model = ModelLoader.bundled("noko-education", loaded);

            assertThat(loaded.roles()).containsExactly("parent", "student");
            assertThat(loaded.questions()).hasSize(17);
            assertThat(model).isInstanceOf(NokoModel.class);
            assertThat(model.instrument()).isEqualTo("noko-education");
        }

        @Test
        void acceptsARespondentWhoUsedEveryChannel() {
            Map<String, Object> answers = allYes();
            answers.put("q15", "Больше кружков для старшеклассников");
            answers.put("q16", "female");
            answers.put("q17", 42L);

            assertProblems(instrument, "parent", answers).isEmpty();
        }

        @Test
        void acceptsARespondentWhoseFiltersHideEveryFollowUp() {
            Map<String, Object> answers = allYes();
            List.of("q1", "q3", "q6", "q10").forEach(filter -> answers.put(filter, false));
            List.of("q2", "q4", "q7", "q11").forEach(answers::remove);
            answers.put("q17", 15.0);

            assertProblems(instrument, "student", answers).isEmpty();
        }

        @ParameterizedTest(name = "{1} is asked only when {0} is yes")
        @CsvSource({"q1, q2", "q3, q4", "q6, q7", "q10, q11"})
        void asksAFollowUpExactlyWhenItsFilterIsYes(String filter, String followUp) {
            Map<String, Object> usedButNotRated = allYes();
            usedButNotRated.remove(followUp);
            Map<String, Object> ratedButNotUsed = allYes();
            ratedButNotUsed.put(filter, false);

            assertProblems(instrument, "parent", usedButNotRated).containsExactly(tuple(field(followUp), "required"));
            assertProblems(instrument, "parent", ratedButNotUsed)
                    .containsExactly(tuple(field(followUp), "hidden-by-skip-logic"));
        }

        @Test
        void treatsTheFollowUpOfAnUnansweredFilterAsHidden() {
            Map<String, Object> answers = allYes();
            answers.remove("q1");

            assertProblems(instrument, "parent", answers)
                    .containsExactly(tuple("answers.q1", "required"), tuple("answers.q2", "hidden-by-skip-logic"));
        }

        @Test
        void refusesARoleTheQuestionnaireIsNotFor() {
            assertProblems(instrument, "teacher", allYes()).containsExactly(tuple("respondentRole", "role"));
        }

        @Test
        void rejectsAQuestionTheQuestionnaireDoesNotHave() {
            Map<String, Object> answers = allYes();
            answers.put("q18", true);

            assertProblems(instrument, "parent", answers).containsExactly(tuple("answers.q18", "unknown-question"));
        }

        @Test
        void rejectsAYesNoAnswerGivenAsText() {
            Map<String, Object> answers = allYes();
            answers.put("q5", "да");

            assertProblems(instrument, "parent", answers).containsExactly(tuple("answers.q5", "type"));
        }

        @ParameterizedTest(name = "age {0} is rejected by rule {1}")
        @CsvSource({"9, range", "101, range", "'\"35\"', type"})
        void acceptsAnAgeFromTenToOneHundredOnly(String age, String rule) {
            Map<String, Object> answers = allYes();
            answers.put("q17", jsonValue(age));

            assertProblems(instrument, "parent", answers).containsExactly(tuple("answers.q17", rule));
        }

        @Test
        void rejectsAGenderThatIsNotAnOption() {
            Map<String, Object> unknownOption = allYes();
            unknownOption.put("q16", "other");
            Map<String, Object> listInsteadOfOption = allYes();
            listInsteadOfOption.put("q16", List.of("female"));

            assertProblems(instrument, "parent", unknownOption).containsExactly(tuple("answers.q16", "not-an-option"));
            assertProblems(instrument, "parent", listInsteadOfOption).containsExactly(tuple("answers.q16", "type"));
        }

        @Test
        void acceptsSuggestionsOfUpTo2000Characters() {
            Map<String, Object> longest = allYes();
            longest.put("q15", "я".repeat(2000));
            Map<String, Object> tooLong = allYes();
            tooLong.put("q15", "я".repeat(2001));
            Map<String, Object> blank = allYes();
            blank.put("q15", "   ");

            assertProblems(instrument, "parent", longest).isEmpty();
            assertProblems(instrument, "parent", tooLong).containsExactly(tuple("answers.q15", "size"));
            assertProblems(instrument, "parent", blank).containsExactly(tuple("answers.q15", "required"));
        }

        /** Q1–Q14 all «да», so every follow-up is shown and answered. */
        private static Map<String, Object> allYes() {
            Map<String, Object> answers = new LinkedHashMap<>();
            for (int question = 1; question <= 14; question++) {
                answers.put("q" + question, true);
            }
            return answers;
        }
    }

    @Nested
    class RegionalSatisfaction {

        private final Instrument instrument = bundled("regional-satisfaction");
        private final TopicSharesModel model = topicShares("regional-satisfaction", instrument);

        @Test
        void loadsWithItsTopicSharesModel() throws IOException {
            Instrument loaded = InstrumentLoader.bundled("regional-satisfaction");
            ScoringModel loadedModel = ModelLoader.bundled("regional-satisfaction", loaded);

            assertThat(loaded.version()).isEqualTo(1);
            assertThat(loaded.roles()).containsExactly("parent", "student");
            assertThat(loadedModel).isInstanceOfSatisfying(TopicSharesModel.class, shares -> {
                assertThat(shares.positive().likertAtLeast()).isEqualTo(4);
                assertThat(shares.topics())
                        .extracting(Topic::id)
                        .containsExactly(
                                "topic.learning",
                                "topic.conditions",
                                "topic.food",
                                "topic.information",
                                "topic.teachers",
                                "topic.extra",
                                "topic.climate");
                assertThat(shares.overall().name()).isEqualTo("Удовлетворенность в целом");
                assertThat(shares.coverage()).isEqualTo(new Coverage(new BigDecimal("0.4"), 600));
                assertThat(shares.levels())
                        .extracting(level -> level.min().intValueExact(), Level::name)
                        .containsExactlyInAnyOrder(tuple(80, "высокая"), tuple(60, "средняя"), tuple(0, "низкая"));
            });
        }

        @Test
        void scoresEveryLikertItemInExactlyOneTopicAndRequiresIt() {
            List<Question> likert = instrument.questions().stream()
                    .filter(question -> question.type() == QuestionType.LIKERT_5)
                    .toList();

            assertThat(likert).allMatch(Question::required, "required");
            assertThat(model.topics().stream().flatMap(topic -> topic.questions().stream()))
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(
                            likert.stream().map(Question::id).toList());
            assertThat(model.topics())
                    .allSatisfy(topic -> assertThat(topic.questions()).hasSizeBetween(3, 5));
        }

        @Test
        void acceptsAParentWhoseChildAttendsClubs() {
            assertProblems(instrument, "parent", parentA()).isEmpty();
            assertProblems(instrument, "parent", parentC()).isEmpty();
        }

        @Test
        void acceptsAStudentWhoAttendsNoClubsWithRatingsAsJsonNumbers() {
            Map<String, Object> answers = studentB();
            answers.put("learn_teaching", 3L);
            answers.put("cond_safety", 5.0);

            assertProblems(instrument, "student", answers).isEmpty();
        }

        @Test
        void acceptsAKindergartenParentWithoutAGradeBand() {
            Map<String, Object> answers = parentA();
            answers.put("org_type", "preschool");
            answers.remove("grade_band");

            assertProblems(instrument, "parent", answers).isEmpty();
        }

        @Test
        void asksTheGradeBandOnlyAboutSchoolchildren() {
            Map<String, Object> kindergarten = parentA();
            kindergarten.put("org_type", "preschool");

            assertProblems(instrument, "parent", kindergarten)
                    .containsExactly(tuple("answers.grade_band", "hidden-by-skip-logic"));
        }

        @Test
        void keepsStudentItemsFromParentsAndRequiresThemFromStudents() {
            Map<String, Object> parent = parentA();
            parent.put("learn_career", 4);
            Map<String, Object> student = studentB();
            student.remove("learn_career");
            student.put("info_progress", 5);

            assertProblems(instrument, "parent", parent).containsExactly(tuple("answers.learn_career", "not-for-role"));
            assertProblems(instrument, "student", student)
                    .containsExactly(
                            tuple("answers.learn_career", "required"), tuple("answers.info_progress", "not-for-role"));
        }

        @Test
        void hidesTheClubItemsFromThoseWhoAttendNone() {
            Map<String, Object> answers = studentB();
            answers.put("extra_quality", 4);

            assertProblems(instrument, "student", answers)
                    .containsExactly(tuple("answers.extra_quality", "hidden-by-skip-logic"));
        }

        @Test
        void requiresTheClubItemsFromThoseWhoAttend() {
            Map<String, Object> answers = studentB();
            answers.put("extra_attends", true);

            assertProblems(instrument, "student", answers)
                    .containsExactly(
                            tuple("answers.extra_areas", "required"), tuple("answers.extra_choice", "required"),
                            tuple("answers.extra_quality", "required"), tuple("answers.extra_access", "required"));
        }

        @ParameterizedTest(name = "rating {0} is rejected by rule {1}")
        @CsvSource({"0, range", "6, range", "4.5, type", "'\"4\"', type", "true, type"})
        void acceptsWholeRatingsFromOneToFiveOnly(String rating, String rule) {
            Map<String, Object> answers = parentA();
            answers.put("food_menu", jsonValue(rating));

            assertProblems(instrument, "parent", answers).containsExactly(tuple("answers.food_menu", rule));
        }

        @Test
        void rejectsClubAreasThatAreUnknownRepeatedEmptyOrNotAList() {
            assertProblems(instrument, "parent", parentAWith("extra_areas", List.of("arts", "chess")))
                    .containsExactly(tuple("answers.extra_areas", "not-an-option"));
            assertProblems(instrument, "parent", parentAWith("extra_areas", List.of("arts", "sports", "arts")))
                    .containsExactly(tuple("answers.extra_areas", "duplicate-option"));
            assertProblems(instrument, "parent", parentAWith("extra_areas", List.of()))
                    .containsExactly(tuple("answers.extra_areas", "required"));
            assertProblems(instrument, "parent", parentAWith("extra_areas", "arts"))
                    .containsExactly(tuple("answers.extra_areas", "type"));
        }

        @Test
        void rejectsAnOrganizationTypeThatIsNotAnOption() {
            Map<String, Object> answers = parentAWith("org_type", "university");
            answers.remove("grade_band");

            assertProblems(instrument, "parent", answers).containsExactly(tuple("answers.org_type", "not-an-option"));
        }

        @Test
        void rejectsAnOverlongSuggestion() {
            assertProblems(instrument, "parent", parentAWith("suggestions", "Больше секций. ".repeat(200)))
                    .containsExactly(tuple("answers.suggestions", "size"));
        }

        @Test
        void isNotForTeachers() {
            assertProblems(instrument, "teacher", parentA()).containsExactly(tuple("respondentRole", "role"));
        }

        /**
         * Satisfied (4 or 5) of answered, per topic: learning 2+2+3 of 3+4+3, conditions 3+4+0 of 4+4+4, food 1+0+3
         * of 3+3+3, information 3+2+0 of 4+3+4, teachers 3+2+4 of 4+3+4, clubs 2+0 of 3+3 (B attends none),
         * climate 1+3+2 of 3+4+3; overall 40 of 69.
         */
        @Test
        void countsRatingsOfFourAndFiveAsSatisfied() {
            Map<String, Metric> metrics = score(
                    model,
                    new Response("parent", parentA()),
                    new Response("student", studentB()),
                    new Response("parent", parentC()));

            assertValue(metrics, "topic.learning").isCloseTo(100.0 * 7 / 10, EXACT);
            assertValue(metrics, "topic.conditions").isCloseTo(100.0 * 7 / 12, EXACT);
            assertValue(metrics, "topic.food").isCloseTo(100.0 * 4 / 9, EXACT);
            assertValue(metrics, "topic.information").isCloseTo(100.0 * 5 / 11, EXACT);
            assertValue(metrics, "topic.teachers").isCloseTo(100.0 * 9 / 11, EXACT);
            assertValue(metrics, "topic.extra").isCloseTo(100.0 * 2 / 6, EXACT);
            assertValue(metrics, "topic.climate").isCloseTo(100.0 * 6 / 10, EXACT);
            assertValue(metrics, "overall").isCloseTo(100.0 * 40 / 69, EXACT);
            assertThat(metrics.get("overall").name()).isEqualTo("Удовлетворенность в целом");
            assertThat(Level.of(model.levels(), metrics.get("overall").exact()))
                    .map(Level::name)
                    .hasValue("низкая");
        }

        @Test
        void leavesTheClubShareUndefinedWhenNobodyAttendsClubs() {
            Map<String, Metric> metrics = score(model, new Response("student", studentB()));

            assertThat(metrics.get("topic.extra").status()).isEqualTo(MetricStatus.NO_DATA);
            assertThat(metrics.get("topic.extra").value()).isNull();
            assertValue(metrics, "overall").isCloseTo(100.0 * 13 / 21, EXACT);
        }

        @ParameterizedTest(name = "{0} is «{1}»")
        @CsvSource({
            "0, низкая",
            "59.99, низкая",
            "59.995, средняя",
            "60, средняя",
            "79.99, средняя",
            "80, высокая",
            "100, высокая"
        })
        void bandsTheOverallShareAtSixtyAndEighty(BigDecimal overall, String level) {
            assertThat(Level.of(model.levels(), Exact.of(overall)))
                    .map(Level::name)
                    .hasValue(level);
        }

        private static Map<String, Object> parentAWith(String question, Object answer) {
            Map<String, Object> answers = parentA();
            answers.put(question, answer);
            return answers;
        }

        /** A school parent whose child attends clubs: satisfied with 15 of 24 items. */
        private static Map<String, Object> parentA() {
            return answers(
                    "org_type",
                    "general",
                    "grade_band",
                    "grades_5_9",
                    "learn_teaching",
                    5,
                    "learn_results_parent",
                    4,
                    "learn_upbringing",
                    3,
                    "cond_premises",
                    4,
                    "cond_equipment",
                    4,
                    "cond_hygiene",
                    2,
                    "cond_safety",
                    5,
                    "food_quality",
                    2,
                    "food_menu",
                    3,
                    "food_organization",
                    4,
                    "info_site",
                    5,
                    "info_stands",
                    5,
                    "info_progress",
                    4,
                    "info_news",
                    3,
                    "teach_politeness",
                    5,
                    "teach_help",
                    4,
                    "teach_fairness",
                    4,
                    "teach_parents",
                    2,
                    "extra_attends",
                    true,
                    "extra_areas",
                    List.of("sports", "arts"),
                    "extra_choice",
                    4,
                    "extra_quality",
                    5,
                    "extra_access",
                    3,
                    "climate_atmosphere",
                    4,
                    "climate_conflicts",
                    3,
                    "climate_support",
                    2);
        }

        /** A student over 14 who attends no clubs: satisfied with 13 of 21 items. */
        private static Map<String, Object> studentB() {
            return answers(
                    "learn_teaching",
                    3,
                    "learn_results_student",
                    4,
                    "learn_upbringing",
                    4,
                    "learn_career",
                    2,
                    "cond_premises",
                    5,
                    "cond_equipment",
                    5,
                    "cond_hygiene",
                    5,
                    "cond_safety",
                    5,
                    "food_quality",
                    1,
                    "food_menu",
                    2,
                    "food_organization",
                    2,
                    "info_site",
                    4,
                    "info_stands",
                    3,
                    "info_news",
                    4,
                    "teach_politeness",
                    4,
                    "teach_help",
                    5,
                    "teach_fairness",
                    3,
                    "extra_attends",
                    false,
                    "climate_atmosphere",
                    5,
                    "climate_peers",
                    4,
                    "climate_conflicts",
                    4,
                    "climate_support",
                    3,
                    "suggestions",
                    "Сделать меню в столовой разнообразнее");
        }

        /** A parent who skipped the demographics, ratings as JSON parsers give them (Long): satisfied with 12 of 24. */
        private static Map<String, Object> parentC() {
            return answers(
                    "learn_teaching",
                    4L,
                    "learn_results_parent",
                    4L,
                    "learn_upbringing",
                    4L,
                    "cond_premises",
                    3L,
                    "cond_equipment",
                    3L,
                    "cond_hygiene",
                    3L,
                    "cond_safety",
                    3L,
                    "food_quality",
                    5L,
                    "food_menu",
                    5L,
                    "food_organization",
                    5L,
                    "info_site",
                    2L,
                    "info_stands",
                    2L,
                    "info_progress",
                    2L,
                    "info_news",
                    2L,
                    "teach_politeness",
                    4L,
                    "teach_help",
                    4L,
                    "teach_fairness",
                    4L,
                    "teach_parents",
                    4L,
                    "extra_attends",
                    true,
                    "extra_areas",
                    List.of("technical"),
                    "extra_choice",
                    1L,
                    "extra_quality",
                    2L,
                    "extra_access",
                    3L,
                    "climate_atmosphere",
                    5L,
                    "climate_conflicts",
                    4L,
                    "climate_support",
                    1L);
        }
    }

    @Nested
    class MunicipalMechanisms {

        private static final List<String> ROLES = List.of("director", "deputy", "teacher");

        private final Instrument instrument = bundled("municipal-mechanisms");
        private final TopicSharesModel model = topicShares("municipal-mechanisms", instrument);

        @Test
        void loadsWithItsTopicSharesModel() throws IOException {
            Instrument loaded = InstrumentLoader.bundled("municipal-mechanisms");
            ScoringModel loadedModel = ModelLoader.bundled("municipal-mechanisms", loaded);

            assertThat(loaded.roles()).containsExactlyElementsOf(ROLES);
            assertThat(loadedModel).isInstanceOfSatisfying(TopicSharesModel.class, shares -> {
                assertThat(shares.positive().yes()).isTrue();
                assertThat(shares.positive().likertAtLeast()).isNull();
                assertThat(shares.overall().name()).isEqualTo("Сформированность механизмов управления качеством");
            });
        }

        @Test
        void scoresTheNineMechanismsOfLetter003() {
            assertThat(model.topics())
                    .extracting(Topic::id, Topic::name)
                    .containsExactly(
                            tuple("m1.1", "Система оценки качества подготовки обучающихся"),
                            tuple(
                                    "m1.2",
                                    "Система работы со школами с низкими результатами обучения и/или школами, "
                                            + "функционирующими в неблагоприятных социальных условиях"),
                            tuple(
                                    "m1.3",
                                    "Система выявления, поддержки и развития способностей и талантов у детей и молодёжи"),
                            tuple(
                                    "m1.4",
                                    "Система работы по самоопределению и профессиональной ориентации обучающихся"),
                            tuple(
                                    "m2.1",
                                    "Система объективности процедур оценки качества образования и олимпиад школьников"),
                            tuple(
                                    "m2.2",
                                    "Система мониторинга эффективности руководителей всех образовательных организаций региона"),
                            tuple(
                                    "m2.3",
                                    "Система мониторинга качества дополнительного профессионального образования "
                                            + "педагогических работников"),
                            tuple("m2.4", "Система методической работы"),
                            tuple("m2.5", "Система организации воспитания и социализации обучающихся"));
        }

        @Test
        void scoresEveryYesNoItemInItsOwnMechanism() {
            for (Topic topic : model.topics()) {
                String prefix = "m" + topic.id().substring(1).replace('.', '_') + "_";
                assertThat(topic.questions())
                        .as(topic.id())
                        .hasSizeBetween(2, 4)
                        .allMatch(id -> id.startsWith(prefix));
            }
            List<String> yesNo = instrument.questions().stream()
                    .filter(question -> question.type() == QuestionType.YES_NO)
                    .map(Question::id)
                    .toList();
            assertThat(model.topics().stream().flatMap(topic -> topic.questions().stream()))
                    .containsExactlyInAnyOrderElementsOf(yesNo);
        }

        @Test
        void hasTheFourLevelsOfLetter003() {
            assertThat(model.levels())
                    .extracting(level -> level.min().intValueExact(), Level::name)
                    .containsExactlyInAnyOrder(
                            tuple(0, "не сформирована"),
                            tuple(25, "есть отдельные элементы"),
                            tuple(50, "частично сформирована"),
                            tuple(75, "сформирована"));
        }

        @Test
        void acceptsACompleteResponseFromEachRole() {
            for (String role : ROLES) {
                assertProblems(instrument, role, responseOf(role, Set.of("m1_1_a")))
                        .as(role)
                        .isEmpty();
            }
            assertThat(responseOf("director", Set.of())).hasSize(28);
            assertThat(responseOf("deputy", Set.of())).hasSize(27);
            assertThat(responseOf("teacher", Set.of())).hasSize(21);
        }

        @Test
        void keepsManagementItemsFromTeachers() {
            Map<String, Object> answers = responseOf("teacher", Set.of());
            answers.put("m2_2_a", true);
            answers.put("m1_1_d", false);

            assertProblems(instrument, "teacher", answers)
                    .containsExactly(tuple("answers.m1_1_d", "not-for-role"), tuple("answers.m2_2_a", "not-for-role"));
        }

        @Test
        void asksOnlyTheDirectorWhetherTheirAppraisalWasUsed() {
            Map<String, Object> deputy = responseOf("deputy", Set.of());
            deputy.put("m2_2_b", true);
            Map<String, Object> director = responseOf("director", Set.of());
            director.remove("m2_2_b");

            assertProblems(instrument, "deputy", deputy).containsExactly(tuple("answers.m2_2_b", "not-for-role"));
            assertProblems(instrument, "director", director).containsExactly(tuple("answers.m2_2_b", "required"));
        }

        @Test
        void requiresAYesOrNoForEveryItem() {
            Map<String, Object> answers = responseOf("teacher", Set.of());
            answers.put("m1_1_a", 1);
            answers.remove("m2_4_c");

            assertProblems(instrument, "teacher", answers)
                    .containsExactly(tuple("answers.m1_1_a", "type"), tuple("answers.m2_4_c", "required"));
        }

        @Test
        void requiresAKnownOrganizationType() {
            Map<String, Object> missing = responseOf("deputy", Set.of());
            missing.remove("org_type");
            Map<String, Object> unknown = responseOf("deputy", Set.of());
            unknown.put("org_type", "college");

            assertProblems(instrument, "deputy", missing).containsExactly(tuple("answers.org_type", "required"));
            assertProblems(instrument, "deputy", unknown).containsExactly(tuple("answers.org_type", "not-an-option"));
        }

        @Test
        void isNotForParents() {
            assertProblems(instrument, "parent", responseOf("teacher", Set.of()))
                    .containsExactly(tuple("respondentRole", "role"));
        }

        /**
         * «Да» of answered, per mechanism (director + deputy + teacher): 1.1 4+4+3 of 4+4+3, 1.2 0+1+0 of 3+3+2,
         * 1.3 3+0+1 of 3+3+3, 1.4 3+2+3 of 3+3+3, 2.1 3+2+0 of 3+3+2, 2.2 1+1 of 2+1 (teachers are not asked),
         * 2.3 3+0+2 of 3+3+2, 2.4 3+3+1 of 3+3+3, 2.5 3+1+2 of 3+3+2; overall 23+14+12 = 49 of 27+26+20 = 73.
         */
        @Test
        void sharesTheYesAnswersOfTheSchoolsRespondents() {
            Map<String, Object> director = responseOf("director", yesToAllBut("m1_2_a", "m1_2_b", "m1_2_c", "m2_2_b"));
            Map<String, Object> deputy = responseOf(
                    "deputy",
                    Set.of(
                            "m1_1_a", "m1_1_b", "m1_1_c", "m1_1_d", "m1_2_a", "m1_4_a", "m1_4_b", "m2_1_a", "m2_1_b",
                            "m2_2_a", "m2_4_a", "m2_4_b", "m2_4_c", "m2_5_a"));
            Map<String, Object> teacher = responseOf(
                    "teacher",
                    Set.of(
                            "m1_1_a", "m1_1_b", "m1_1_c", "m1_3_a", "m1_4_a", "m1_4_b", "m1_4_c", "m2_3_a", "m2_3_b",
                            "m2_4_c", "m2_5_a", "m2_5_b"));

            Map<String, Metric> metrics = score(
                    model,
                    new Response("director", director),
                    new Response("deputy", deputy),
                    new Response("teacher", teacher));

            assertValue(metrics, "m1.1").isCloseTo(100.0, EXACT);
            assertValue(metrics, "m1.2").isCloseTo(12.5, EXACT);
            assertValue(metrics, "m1.3").isCloseTo(100.0 * 4 / 9, EXACT);
            assertValue(metrics, "m1.4").isCloseTo(100.0 * 8 / 9, EXACT);
            assertValue(metrics, "m2.1").isCloseTo(62.5, EXACT);
            assertValue(metrics, "m2.2").isCloseTo(100.0 * 2 / 3, EXACT);
            assertValue(metrics, "m2.3").isCloseTo(62.5, EXACT);
            assertValue(metrics, "m2.4").isCloseTo(100.0 * 7 / 9, EXACT);
            assertValue(metrics, "m2.5").isCloseTo(75.0, EXACT);
            assertValue(metrics, "overall").isCloseTo(100.0 * 49 / 73, EXACT);
            assertThat(Level.of(model.levels(), metrics.get("overall").exact()))
                    .map(Level::name)
                    .hasValue("частично сформирована");
            assertThat(model.mainMetric()).isEqualTo("overall");
        }

        @Test
        void leavesTheAppraisalMechanismUndefinedWhenOnlyTeachersAnswered() {
            Map<String, Metric> teachersOnly =
                    score(model, new Response("teacher", responseOf("teacher", Set.of("m2_4_a"))));

            assertThat(teachersOnly.get("m2.2").status()).isEqualTo(MetricStatus.NO_DATA);
            assertValue(teachersOnly, "m2.4").isCloseTo(100.0 / 3, EXACT);
            assertValue(teachersOnly, "overall").isCloseTo(100.0 / 20, EXACT);
        }

        @ParameterizedTest(name = "{0} is «{1}»")
        @CsvSource({
            "0, не сформирована",
            "24.99, не сформирована",
            "24.994, не сформирована",
            "24.995, есть отдельные элементы",
            "25, есть отдельные элементы",
            "49.99, есть отдельные элементы",
            "50, частично сформирована",
            "74.99, частично сформирована",
            "75, сформирована",
            "100, сформирована"
        })
        void levelsTheOverallShareByQuarters(BigDecimal overall, String level) {
            assertThat(Level.of(model.levels(), Exact.of(overall)))
                    .map(Level::name)
                    .hasValue(level);
        }

        /**
         * A municipality is assessed, not its schools: its figure pools all its answers, each counting once. School A
         * has one respondent (a director who answers «да» to everything), school B three (a director, a deputy and a
         * teacher who answer «нет» to everything): the mean of the schools' shares would be 50 %; the pooled share
         * is A's 27 scored answers out of 27 + 27 + 26 + 20.
         */
        @Test
        void aMunicipalitysFigureIsTheShareOverItsAnswersPooledNotTheMeanOfItsSchools() {
            Map<String, Object> everythingYes = responseOf("director", yesToAllBut());
            SurveyCounters a = counters(new Response("director", everythingYes));
            SurveyCounters b = counters(
                    new Response("director", responseOf("director", Set.of())),
                    new Response("deputy", responseOf("deputy", Set.of())),
                    new Response("teacher", responseOf("teacher", Set.of())));
            CampaignScoring scoring = new CampaignScoring(model, model.coverage(), instrument.roles());
            CampaignResult result = scoring.rollUp(List.of(
                    scoring.organization(school("a"), a, Map.of()), scoring.organization(school("b"), b, Map.of())));

            TerritoryFigure overall = result.municipalities().get(0).figures().stream()
                    .filter(figure -> figure.id().equals("overall"))
                    .findFirst()
                    .orElseThrow();
            assertThat(result.organizations().get(0).metric("overall").exact()).isEqualTo(BigFraction.of(100));
            assertThat(result.organizations().get(1).metric("overall").exact()).isEqualTo(BigFraction.ZERO);
            assertThat(overall.mean()).isEqualTo(BigFraction.of(50));
            assertThat(overall.basis()).isEqualTo(TerritoryBasis.POOLED_ANSWERS);
            assertThat(overall.pooled()).isEqualTo(BigFraction.of(100 * 27, 27 + 27 + 26 + 20));
            assertThat(overall.value()).isEqualTo(overall.pooled());
            assertThat(Exact.published(overall.value())).isEqualByComparingTo("27.00");
            // The level follows the pooled figure: «есть отдельные элементы», where the mean would say «частично».
            assertThat(result.municipalities().get(0).level()).isEqualTo("есть отдельные элементы");
            assertThat(result.regions().get(0).level()).isEqualTo("есть отдельные элементы");
            Map<String, Metric> pooled = model.score(a.plus(b), Map.of()).stream()
                    .collect(Collectors.toMap(Metric::id, Function.identity()));
            for (TerritoryFigure figure : result.municipalities().get(0).figures()) {
                assertThat(figure.value())
                        .as(figure.id())
                        .isEqualTo(pooled.get(figure.id()).exact());
            }
        }

        private SurveyCounters counters(Response... responses) {
            SurveyCounters counters = SurveyCounters.empty();
            for (Response response : responses) {
                assertProblems(instrument, response.role(), response.answers()).isEmpty();
                counters = counters.plus(SurveyCounters.ofResponse(
                        response.role(), model.countsOf(response.role(), response.answers())));
            }
            return counters;
        }

        private static Organization school(String id) {
            return new Organization(
                    id,
                    "Школа " + id,
                    "7707083893",
                    OrganizationType.GENERAL,
                    "Кумёнский район",
                    "Кировская область",
                    Map.of("director", 1, "deputy", 2, "teacher", 30));
        }

        /** Every item shown to the role answered: «да» for those in {@code yes}, «нет» otherwise. */
        private Map<String, Object> responseOf(String role, Set<String> yes) {
            Map<String, Object> answers = answers("org_type", "secondary");
            instrument.questions().stream()
                    .filter(question -> question.type() == QuestionType.YES_NO && question.isForRole(role))
                    .forEach(question -> answers.put(question.id(), yes.contains(question.id())));
            return answers;
        }

        private Set<String> yesToAllBut(String... no) {
            Set<String> except = Set.of(no);
            return instrument.questions().stream()
                    .map(Question::id)
                    .filter(id -> !except.contains(id))
                    .collect(Collectors.toSet());
        }
    }

    /** One accepted response, as the scoring side sees it. */
    private record Response(String role, Map<String, Object> answers) {}

    /** Checks each response is valid, adds up their counters and scores them. */
    private static Map<String, Metric> score(ScoringModel model, Response... responses) {
        Instrument instrument = bundled(model.instrument());
        SurveyCounters counters = SurveyCounters.empty();
        for (Response response : responses) {
            assertProblems(instrument, response.role(), response.answers())
                    .as("sample response")
                    .isEmpty();
            counters = counters.plus(
                    SurveyCounters.ofResponse(response.role(), model.countsOf(response.role(), response.answers())));
        }
        assertThat(counters.responses()).isEqualTo(responses.length);
        return model.score(counters, Map.of()).stream()
                .collect(Collectors.toMap(Metric::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    private static AbstractDoubleAssert<?> assertValue(Map<String, Metric> metrics, String id) {
        assertThat(metrics).containsKey(id);
        assertThat(metrics.get(id).status()).as(id).isEqualTo(MetricStatus.OK);
        return assertThat(metrics.get(id).value()).as(id);
    }

    private static AbstractListAssert<?, List<? extends Tuple>, Tuple, ObjectAssert<Tuple>> assertProblems(
            Instrument instrument, String role, Map<String, ?> answers) {
        return assertThat(InstrumentValidator.validate(instrument, role, answers))
                .extracting(AnswerProblem::field, AnswerProblem::rule);
    }

    /** Question ids and answers in turn; mutable, so a test can change one answer of a valid response. */
    private static Map<String, Object> answers(Object... idsAndAnswers) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (int i = 0; i < idsAndAnswers.length; i += 2) {
            answers.put((String) idsAndAnswers[i], idsAndAnswers[i + 1]);
        }
        return answers;
    }

    /** An answer as a JSON parser hands it over: "text" in quotes, true/false, a whole number as Long, else Double. */
    private static Object jsonValue(String json) {
        if (json.startsWith("\"")) {
            return json.substring(1, json.length() - 1);
        }
        if (json.equals("true") || json.equals("false")) {
            return Boolean.valueOf(json);
        }
        // The casts keep the conditional from widening a Long to a Double.
        return json.contains(".") ? (Object) Double.valueOf(json) : (Object) Long.valueOf(json);
    }

    private static String field(String questionId) {
        return "answers." + questionId;
    }

    private static Instrument bundled(String id) {
        try {
            return InstrumentLoader.bundled(id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TopicSharesModel topicShares(String id, Instrument instrument) {
        try {
            return (TopicSharesModel) ModelLoader.bundled(id, instrument);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
