package ru.noko.methodology.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ru.noko.methodology.model.NokoModel.Edition;
import ru.noko.methodology.scoring.Exact;
import ru.noko.methodology.scoring.Level;
import ru.noko.methodology.scoring.Metric;
import ru.noko.methodology.scoring.MetricStatus;
import ru.noko.methodology.scoring.SurveyCounters;

/** Hand-computed cases of each criterion, at the edges docs/methodology.md section 6 names. */
class NokoEdgeCasesTest {

    private static final double EXACT = 1e-9;
    private static final NokoModel B = NokoTestData.MODEL.withEdition(Edition.B);
    private static final NokoModel A = NokoTestData.MODEL.withEdition(Edition.A);

    @Nested
    class Openness {

        @Test
        void nobodyUsedTheWebsiteSoEditionBTakesTheStandHalfOnly() {
            // 4 respondents used stands (3 satisfied), nobody used the site.
            List<Map<String, Object>> responses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Map<String, Object> answers = base();
                answers.put("q1", true);
                answers.put("q2", i < 3);
                answers.put("q3", false);
                responses.add(answers);
            }
            Map<String, Metric> b = score(B, responses, fullInputs());
            Map<String, Metric> a = score(A, responses, fullInputs());

            assertThat(b.get("1.3").value()).isCloseTo(75, within(EXACT));
            assertThat(b.get("1.3").note()).isNotNull();
            assertThat(a.get("1.3").value()).isCloseTo(100.0 * 3 / 8, within(EXACT));
        }

        @Test
        void nobodyUsedStandsOrSiteSoK1RescalesOverTheExpertIndicators() {
            Map<String, Object> answers = base();
            Map<String, Metric> b = score(
                    B,
                    List.of(answers),
                    Map.of(
                            "standItems",
                            5,
                            "standItemsRequired",
                            10,
                            "siteItems",
                            10,
                            "siteItemsRequired",
                            10,
                            "remoteChannels",
                            1,
                            "comfortConditions",
                            5,
                            "accessibleEquipment",
                            5,
                            "accessibleServices",
                            6));

            assertThat(b.get("1.3").status()).isEqualTo(MetricStatus.NO_DATA);
            assertThat(b.get("1.3").value()).isNull();
            // (0.3 × 75 + 0.3 × 30) / 0.6
            assertThat(b.get("K1").value()).isCloseTo(52.5, within(EXACT));
            assertThat(b.get("K1").note()).contains("пересчитаны");
        }

        @ParameterizedTest
        @CsvSource({"0, 0", "1, 30", "2, 60", "3, 90", "4, 100", "6, 100"})
        void remoteChannelsGive30PointsEachUpTo100(int channels, double points) {
            Map<String, Integer> inputs = new HashMap<>(fullInputs());
            inputs.put("remoteChannels", channels);

            assertThat(score(B, List.of(), inputs).get("1.2").value()).isCloseTo(points, within(EXACT));
        }

        @Test
        void noInformationOnStandsGivesTheStandHalfZero() {
            Map<String, Integer> inputs = new HashMap<>(fullInputs());
            inputs.put("standItems", 0);
            inputs.put("siteItems", 30);
            inputs.put("siteItemsRequired", 40);

            assertThat(score(B, List.of(), inputs).get("1.1").value()).isCloseTo(37.5, within(EXACT));
        }
    }

    @Nested
    class Comfort {

        @ParameterizedTest
        @CsvSource({"0, 0", "3, 60", "5, 100"})
        void twentyPointsPerComfortCondition(int conditions, double points) {
            Map<String, Integer> inputs = new HashMap<>(fullInputs());
            inputs.put("comfortConditions", conditions);

            assertThat(score(B, List.of(), inputs).get("2.1").value()).isCloseTo(points, within(EXACT));
        }

        @Test
        void k2IsTheMeanOfConditionsAndSatisfaction() {
            List<Map<String, Object>> responses = List.of(
                    withAnswer("q5", true), withAnswer("q5", false), withAnswer("q5", true), withAnswer("q5", true));
            Map<String, Integer> inputs = new HashMap<>(fullInputs());
            inputs.put("comfortConditions", 2);

            Map<String, Metric> b = score(B, responses, inputs);
            assertThat(b.get("2.3").value()).isCloseTo(75, within(EXACT));
            assertThat(b.get("K2").value()).isCloseTo(0.5 * 40 + 0.5 * 75, within(EXACT));
        }
    }

    @Nested
    class Accessibility {

        @Test
        void noRespondentHasADisabilitySoK3RescalesOverTheExpertIndicators() {
            Map<String, Integer> inputs = new HashMap<>(fullInputs());
            inputs.put("accessibleEquipment", 2);
            inputs.put("accessibleServices", 3);
            Map<String, Metric> b = score(B, List.of(base(), base()), inputs);

            assertThat(b.get("3.3").status()).isEqualTo(MetricStatus.NO_DATA);
            assertThat(b.get("K3").value()).isCloseTo((0.3 * 40 + 0.4 * 60) / 0.7, within(EXACT));
        }

        @Test
        void k3WeighsEquipmentConditionsAndSatisfactionOfTheDisabled() {
            Map<String, Object> satisfied = withAnswer("q6", true);
            satisfied.put("q7", true);
            Map<String, Object> unsatisfied = withAnswer("q6", true);
            unsatisfied.put("q7", false);
            Map<String, Metric> b = score(B, List.of(satisfied, unsatisfied, unsatisfied, base()), fullInputs());

            assertThat(b.get("3.3").value()).isCloseTo(100.0 / 3, within(EXACT));
            assertThat(b.get("K3").value()).isCloseTo(0.3 * 100 + 0.4 * 100 + 0.3 * 100.0 / 3, within(EXACT));
        }

        @Test
        void equipmentAndConditionsAreCappedAt100() {
            Map<String, Metric> b = score(B, List.of(), fullInputs());

            assertThat(b.get("3.1").value()).isCloseTo(100, within(EXACT));
            assertThat(b.get("3.2").value()).isCloseTo(100, within(EXACT));
        }
    }

    @Nested
    class Politeness {

        @Test
        void nobodyUsedRemoteChannelsSoEditionBK4RescalesAndEditionACountsZero() {
            List<Map<String, Object>> responses = List.of(base(), withAnswer("q8", false));

            Map<String, Metric> b = score(B, responses, fullInputs());
            Map<String, Metric> a = score(A, responses, fullInputs());

            assertThat(b.get("4.3").status()).isEqualTo(MetricStatus.NO_DATA);
            assertThat(b.get("K4").value()).isCloseTo((0.4 * 50 + 0.4 * 100) / 0.8, within(EXACT));
            assertThat(a.get("4.3").value()).isCloseTo(0, within(EXACT));
            assertThat(a.get("K4").value()).isCloseTo(0.4 * 50 + 0.4 * 100, within(EXACT));
        }
    }

    @Nested
    class Satisfaction {

        @Test
        void k5WeighsRecommendationOrganizationAndOverallSatisfaction() {
            Map<String, Object> mixed = base();
            mixed.put("q12", false);
            mixed.put("q14", false);
            Map<String, Metric> b = score(B, List.of(base(), mixed), fullInputs());

            assertThat(b.get("5.1").value()).isCloseTo(50, within(EXACT));
            assertThat(b.get("5.2").value()).isCloseTo(100, within(EXACT));
            assertThat(b.get("5.3").value()).isCloseTo(50, within(EXACT));
            assertThat(b.get("K5").value()).isCloseTo(0.3 * 50 + 0.2 * 100 + 0.5 * 50, within(EXACT));
        }
    }

    @Nested
    class Score {

        @Test
        void zeroResponsesLeaveTheSurveyCriteriaAndTheScoreWithoutData() {
            Map<String, Metric> b = score(B, List.of(), fullInputs());

            assertThat(b.get("2.3").status()).isEqualTo(MetricStatus.NO_DATA);
            assertThat(b.get("K2").value()).isCloseTo(100, within(EXACT));
            assertThat(b.get("K4").status()).isEqualTo(MetricStatus.NO_DATA);
            assertThat(b.get("K5").status()).isEqualTo(MetricStatus.NO_DATA);
            assertThat(b.get("S").status()).isEqualTo(MetricStatus.NO_DATA);
            assertThat(b.get("S").value()).isNull();
        }

        @Test
        void aMissingSelfAssessmentLeavesItsCriteriaAndTheScorePending() {
            Map<String, Integer> inputs = new HashMap<>(fullInputs());
            inputs.remove("remoteChannels");
            Map<String, Metric> b = score(B, List.of(base()), inputs);

            assertThat(b.get("1.2").status()).isEqualTo(MetricStatus.MISSING_INPUT);
            assertThat(b.get("K1").status()).isEqualTo(MetricStatus.MISSING_INPUT);
            assertThat(b.get("K2").isDefined()).isTrue();
            assertThat(b.get("S").status()).isEqualTo(MetricStatus.MISSING_INPUT);
        }

        @Test
        void everyoneSatisfiedWithEverythingInPlaceGives100() {
            Map<String, Metric> b = score(B, List.of(NokoTestData.everyChannelUsed(true)), fullInputs());

            assertThat(b.get("S").value()).isCloseTo(100, within(EXACT));
            assertThat(Level.of(B.levels(), b.get("S").exact()))
                    .map(Level::name)
                    .contains("отлично");
        }

        @Test
        void nobodySatisfiedAndNothingInPlaceGives0() {
            Map<String, Integer> nothing = new HashMap<>();
            fullInputs().keySet().forEach(id -> nothing.put(id, id.endsWith("Required") ? 10 : 0));
            Map<String, Metric> b = score(B, List.of(NokoTestData.everyChannelUsed(false)), nothing);

            assertThat(b.get("S").value()).isCloseTo(0, within(EXACT));
        }
    }

    @Nested
    class RatingLevels {

        @ParameterizedTest
        @CsvSource({
            "100, отлично",
            "81, отлично",
            "80.995, отлично",
            "80.994, хорошо",
            "80.99, хорошо",
            "61, хорошо",
            "60.99, удовлетворительно",
            "41, удовлетворительно",
            "40.99, ниже среднего",
            "21, ниже среднего",
            "20.99, неудовлетворительно",
            "0, неудовлетворительно"
        })
        void theLevelIsTheHighestBandThePublishedValueReaches(BigDecimal s, String level) {
            assertThat(Level.of(B.levels(), Exact.of(s))).map(Level::name).contains(level);
        }

        @Test
        void anUndefinedScoreHasNoLevel() {
            assertThat(Level.of(B.levels(), null)).isEmpty();
        }
    }

    @Nested
    class SelfAssessmentChecks {

        @Test
        void aCompleteAndConsistentSelfAssessmentPasses() {
            assertThat(B.checkExpertInputs(NokoTestData.WORKED_EXAMPLE_INPUTS)).isEmpty();
        }

        @Test
        void moreItemsThanRequiredUnknownInputsAndOutOfRangeValuesAreNamed() {
            Map<String, Integer> inputs = new HashMap<>(NokoTestData.WORKED_EXAMPLE_INPUTS);
            inputs.put("standItems", 11);
            inputs.put("siteItemsRequired", 0);
            inputs.put("remoteChannels", -1);
            inputs.put("parking", 3);

            // siteItems (36) now also exceeds siteItemsRequired (0): five problems.
            assertThat(B.checkExpertInputs(inputs))
                    .hasSize(5)
                    .anySatisfy(problem ->
                            assertThat(problem).startsWith("standItems ").contains("больше"))
                    .anySatisfy(problem ->
                            assertThat(problem).startsWith("siteItems ").contains("больше"))
                    .anySatisfy(problem ->
                            assertThat(problem).startsWith("siteItemsRequired").contains("от 1"))
                    .anySatisfy(problem -> assertThat(problem).startsWith("remoteChannels"))
                    .anySatisfy(problem -> assertThat(problem).startsWith("parking"));
        }
    }

    /** A valid questionnaire: filters "no", every mandatory question "yes". */
    static Map<String, Object> base() {
        Map<String, Object> answers = new HashMap<>();
        for (String q : List.of("q5", "q8", "q9", "q12", "q13", "q14")) {
            answers.put(q, true);
        }
        for (String q : List.of("q1", "q3", "q6", "q10")) {
            answers.put(q, false);
        }
        return answers;
    }

    private static Map<String, Object> withAnswer(String question, boolean value) {
        Map<String, Object> answers = base();
        answers.put(question, value);
        return answers;
    }

    /** Everything in place: 100 points for every expert indicator. */
    static Map<String, Integer> fullInputs() {
        return Map.of(
                "standItems",
                10,
                "standItemsRequired",
                10,
                "siteItems",
                40,
                "siteItemsRequired",
                40,
                "remoteChannels",
                5,
                "comfortConditions",
                5,
                "accessibleEquipment",
                5,
                "accessibleServices",
                6);
    }

    private static Map<String, Metric> score(
            NokoModel model, List<Map<String, Object>> responses, Map<String, Integer> inputs) {
        SurveyCounters counters = NokoTestData.counters(model, responses);
        return model.score(counters, inputs).stream().collect(Collectors.toMap(Metric::id, metric -> metric));
    }
}
