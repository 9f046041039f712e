package ru.noko.methodology.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.numbers.fraction.BigFraction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import ru.noko.methodology.instrument.InstrumentLoader;
import ru.noko.methodology.model.NokoModel.Edition;
import ru.noko.methodology.scoring.Metric;
import ru.noko.methodology.scoring.Metric.Part;
import ru.noko.methodology.scoring.MetricStatus;
import ru.noko.methodology.scoring.SurveyCounters;

/**
 * Every figure carries the counts it was computed from (docs/methodology.md, section 4.4): the worked example of
 * section 10 and hand-made counts, one indicator kind at a time.
 */
class IndicatorPartsTest {

    private static final NokoModel B = NokoTestData.MODEL.withEdition(Edition.B);
    private static final NokoModel A = NokoTestData.MODEL.withEdition(Edition.A);

    @Nested
    class Share {

        @Test
        void aShareIsOnePartWithItsCountsAndItsValueIs100TimesNumeratorOverDenominator() {
            Map<String, Metric> example = workedExample(B);
            Map<String, Part> expected = Map.of(
                    "2.3",
                    new Part(8, 10),
                    "3.3",
                    new Part(1, 2),
                    "4.1",
                    new Part(9, 10),
                    "4.2",
                    new Part(8, 10),
                    "4.3",
                    new Part(4, 5),
                    "5.1",
                    new Part(8, 10),
                    "5.2",
                    new Part(8, 10),
                    "5.3",
                    new Part(8, 10));

            expected.forEach((id, part) -> {
                Metric share = example.get(id);
                assertThat(share.parts()).as(id).containsExactly(part);
                assertThat(share.numerator()).as(id).isEqualTo(part.numerator());
                assertThat(share.denominator()).as(id).isEqualTo(part.denominator());
                assertThat(share.exact())
                        .as(id)
                        .isEqualTo(BigFraction.of(share.numerator(), share.denominator())
                                .multiply(100));
            });
        }

        @Test
        void editionAAddsUpItsCountsIntoOnePart() {
            Map<String, Metric> example = workedExample(A);

            // Устенд + Усайт = 5 + 6 of 2 × Чобщ = 20
            assertThat(example.get("1.3").parts()).containsExactly(new Part(11, 20));
            assertThat(example.get("1.3").exact()).isEqualTo(BigFraction.of(55));
            // Увежл.дист of Чобщ, everyone in the base
            assertThat(example.get("4.3").parts()).containsExactly(new Part(4, 10));
        }

        @Test
        void anUndefinedShareHasNoParts() {
            Map<String, Metric> metrics = score(B, Map.of("respondents", 3L, "disabled", 0L), Map.of());

            assertThat(metrics.get("3.3").status()).isEqualTo(MetricStatus.NO_DATA);
            assertThat(metrics.get("3.3").parts()).isEmpty();
            assertThat(metrics.get("3.3").numerator()).isZero();
            assertThat(metrics.get("3.3").denominator()).isZero();
        }
    }

    @Nested
    class MeanOfShares {

        @Test
        void eachShareIsAPartAndTheValueIsTheMeanOfTheirShares() {
            // 4 used the stands (3 satisfied), 2 the site (both satisfied)
            Map<String, Metric> metrics = score(
                    B,
                    Map.of(
                            "respondents",
                            4L,
                            "standUsers",
                            4L,
                            "standSatisfied",
                            3L,
                            "siteUsers",
                            2L,
                            "siteSatisfied",
                            2L),
                    Map.of());
            Metric openness = metrics.get("1.3");

            assertThat(openness.parts()).containsExactly(new Part(3, 4), new Part(2, 2));
            assertThat(openness.numerator()).isEqualTo(5);
            assertThat(openness.denominator()).isEqualTo(6);
            // (75 + 100) / 2, not 100 × 5/6: the sums show the counts, the value is the mean of the parts' shares
            assertThat(openness.exact()).isEqualTo(BigFraction.of(175, 2));
        }

        @Test
        void theWorkedExampleHasBothHalves() {
            Metric openness = workedExample(B).get("1.3");

            assertThat(openness.parts()).containsExactly(new Part(5, 7), new Part(6, 7));
            assertThat(openness.partsText()).isEqualTo("5/7;6/7");
        }

        @Test
        void aHalfNobodyCouldAnswerIsLeftOutSoThePartsAreTheNOfTheNote() {
            Map<String, Metric> metrics =
                    score(B, Map.of("respondents", 4L, "standUsers", 4L, "standSatisfied", 3L), Map.of());
            Metric openness = metrics.get("1.3");

            assertThat(openness.parts()).containsExactly(new Part(3, 4));
            assertThat(openness.note()).startsWith("среднее по 1 из 2 частей");
            assertThat(openness.exact()).isEqualTo(BigFraction.of(75));
        }

        @Test
        void withNeitherHalfThereIsNoValueAndNoPart() {
            Metric openness = score(B, Map.of("respondents", 4L), Map.of()).get("1.3");

            assertThat(openness.status()).isEqualTo(MetricStatus.NO_DATA);
            assertThat(openness.parts()).isEmpty();
        }
    }

    @Nested
    class RatioMean {

        @Test
        void eachRatioIsAPartPresentOfRequired() {
            Metric information = workedExample(B).get("1.1");

            assertThat(information.parts()).containsExactly(new Part(8, 10), new Part(36, 40));
            assertThat(information.numerator()).isEqualTo(44);
            assertThat(information.denominator()).isEqualTo(50);
            // 50 × (8/10 + 36/40) = 85: the mean of the ratios, not 100 × 44/50 = 88
            assertThat(information.exact()).isEqualTo(BigFraction.of(85));
        }

        @Test
        void aMissingInputGivesNoParts() {
            Map<String, Integer> inputs = new HashMap<>(NokoTestData.WORKED_EXAMPLE_INPUTS);
            inputs.remove("siteItems");

            Metric information = score(B, Map.of(), inputs).get("1.1");

            assertThat(information.status()).isEqualTo(MetricStatus.MISSING_INPUT);
            assertThat(information.parts()).isEmpty();
        }
    }

    @Nested
    class PointsPerItem {

        @Test
        void theItemsCountedAreTheNumeratorWithNoDenominator() {
            Metric remote = workedExample(B).get("1.2");

            assertThat(remote.parts()).containsExactly(Part.items(3));
            assertThat(remote.parts().get(0).hasDenominator()).isFalse();
            assertThat(remote.numerator()).isEqualTo(3);
            assertThat(remote.denominator()).isZero();
            assertThat(remote.partsText()).isEqualTo("3");
            assertThat(remote.exact()).isEqualTo(BigFraction.of(90));
        }

        @Test
        void itemsAboveTheCapAreStillCounted() {
            Map<String, Integer> inputs = new HashMap<>(NokoTestData.WORKED_EXAMPLE_INPUTS);
            inputs.put("accessibleServices", 6);

            Metric services = score(B, Map.of(), inputs).get("3.2");

            assertThat(services.numerator()).isEqualTo(6);
            assertThat(services.exact()).isEqualTo(BigFraction.of(100));
        }

        @Test
        void aMissingInputGivesNoParts() {
            Metric comfort = score(B, Map.of(), Map.of()).get("2.1");

            assertThat(comfort.status()).isEqualTo(MetricStatus.MISSING_INPUT);
            assertThat(comfort.parts()).isEmpty();
        }
    }

    @Test
    void criteriaAndTheScoreAreWeightedMeansOfFiguresAndHaveNoParts() {
        Map<String, Metric> example = workedExample(B);

        for (String id : List.of("K1", "K2", "K3", "K4", "K5", "S")) {
            assertThat(example.get(id).isDefined()).as(id).isTrue();
            assertThat(example.get(id).parts()).as(id).isEmpty();
            assertThat(example.get(id).numerator()).as(id).isZero();
            assertThat(example.get(id).denominator()).as(id).isZero();
            assertThat(example.get(id).partsText()).as(id).isEmpty();
        }
    }

    @Nested
    class TopicShares {

        private final TopicSharesModel model = regionalSatisfaction();

        @Test
        void aTopicIsOnePartPositiveOfAnsweredAndTheOverallShareAddsUpEveryTopic() {
            Map<String, Metric> metrics = model
                    .score(
                            SurveyCounters.of(
                                    2,
                                    Map.of("parent", 2L),
                                    Map.of(
                                            "topic.learning.answered",
                                            16L,
                                            "topic.learning.positive",
                                            3L,
                                            "topic.food.answered",
                                            20L,
                                            "topic.food.positive",
                                            9L)),
                            Map.of())
                    .stream()
                    .collect(Collectors.toMap(Metric::id, metric -> metric));

            assertThat(metrics.get("topic.learning").parts()).containsExactly(new Part(3, 16));
            assertThat(metrics.get("topic.learning").exact()).isEqualTo(BigFraction.of(75, 4));
            assertThat(metrics.get("topic.food").parts()).containsExactly(new Part(9, 20));
            assertThat(metrics.get("topic.conditions").status()).isEqualTo(MetricStatus.NO_DATA);
            assertThat(metrics.get("topic.conditions").parts()).isEmpty();
            Metric overall = metrics.get("overall");
            assertThat(overall.parts()).containsExactly(new Part(12, 36));
            assertThat(overall.exact())
                    .isEqualTo(BigFraction.of(overall.numerator(), overall.denominator())
                            .multiply(100));
        }

        private static TopicSharesModel regionalSatisfaction() {
            try {
                return (TopicSharesModel)
                        ModelLoader.bundled("regional-satisfaction", InstrumentLoader.bundled("regional-satisfaction"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void partsReadAsTextSeparatedBySemicolons() {
        Metric metric =
                Metric.ok("1.1", "Пинф", BigFraction.of(255, 8), null, List.of(new Part(3, 16), new Part(9, 20)));

        assertThat(metric.partsText()).isEqualTo("3/16;9/20");
        assertThat(Part.items(4).text()).isEqualTo("4");
        assertThat(Metric.ok("K1", "К1", BigFraction.ONE, null).partsText()).isEmpty();
    }

    @Test
    void aFigureThatCouldNotBeComputedCannotClaimCounts() {
        assertThatThrownBy(
                        () -> new Metric("3.3", "Пдост.уд", null, MetricStatus.NO_DATA, null, List.of(new Part(0, 0))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, Metric> workedExample(NokoModel model) {
        return byId(model.score(NokoTestData.workedExampleCounters(model), NokoTestData.WORKED_EXAMPLE_INPUTS));
    }

    private static Map<String, Metric> score(NokoModel model, Map<String, Long> counts, Map<String, Integer> inputs) {
        long respondents = counts.getOrDefault("respondents", 0L);
        return byId(model.score(SurveyCounters.of(respondents, Map.of("parent", respondents), counts), inputs));
    }

    private static Map<String, Metric> byId(List<Metric> metrics) {
        return metrics.stream().collect(Collectors.toMap(Metric::id, metric -> metric));
    }
}
