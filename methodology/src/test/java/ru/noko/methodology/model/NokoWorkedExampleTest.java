package ru.noko.methodology.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.numbers.fraction.BigFraction;
import org.junit.jupiter.api.Test;
import ru.noko.methodology.instrument.InstrumentValidator;
import ru.noko.methodology.model.NokoModel.Edition;
import ru.noko.methodology.scoring.Level;
import ru.noko.methodology.scoring.Metric;
import ru.noko.methodology.scoring.SurveyCounters;

/** docs/methodology.md section 10, МБОУ «СОШ № 7», reproduced from the bundled instrument and model files. */
class NokoWorkedExampleTest {

    private static final double EXACT = 1e-9;

    @Test
    void everyAnswerRowOfTheExampleIsAValidQuestionnaire() {
        for (String row : NokoTestData.WORKED_EXAMPLE) {
            assertThat(InstrumentValidator.validate(NokoTestData.INSTRUMENT, "parent", NokoTestData.answers(row)))
                    .as(row)
                    .isEmpty();
        }
    }

    @Test
    void theCountsAreThoseOfTheExample() {
        SurveyCounters counters = NokoTestData.workedExampleCounters(NokoTestData.MODEL);

        assertThat(counters.responses()).isEqualTo(10);
        assertThat(counters.counts())
                .containsAllEntriesOf(Map.ofEntries(
                        Map.entry("respondents", 10L),
                        Map.entry("standUsers", 7L),
                        Map.entry("standSatisfied", 5L),
                        Map.entry("siteUsers", 7L),
                        Map.entry("siteSatisfied", 6L),
                        Map.entry("comfortSatisfied", 8L),
                        Map.entry("disabled", 2L),
                        Map.entry("accessSatisfied", 1L),
                        Map.entry("firstContactPolite", 9L),
                        Map.entry("servicePolite", 8L),
                        Map.entry("remoteUsers", 5L),
                        Map.entry("remotePolite", 4L),
                        Map.entry("wouldRecommend", 8L),
                        Map.entry("organizationSatisfied", 8L),
                        Map.entry("overallSatisfied", 8L)));
    }

    @Test
    void editionBGivesEveryFigureOfTheExampleAndS7579() {
        Map<String, Double> values = score(NokoTestData.MODEL.withEdition(Edition.B));

        assertThat(values.get("1.1")).isCloseTo(85, within(EXACT));
        assertThat(values.get("1.2")).isCloseTo(90, within(EXACT));
        assertThat(values.get("1.3")).isCloseTo(550.0 / 7, within(EXACT));
        assertThat(values.get("K1")).isCloseTo(25.5 + 27 + 0.4 * 550.0 / 7, within(EXACT));
        assertThat(values.get("2.1")).isCloseTo(80, within(EXACT));
        assertThat(values.get("2.3")).isCloseTo(80, within(EXACT));
        assertThat(values.get("K2")).isCloseTo(80, within(EXACT));
        assertThat(values.get("3.1")).isCloseTo(40, within(EXACT));
        assertThat(values.get("3.2")).isCloseTo(60, within(EXACT));
        assertThat(values.get("3.3")).isCloseTo(50, within(EXACT));
        assertThat(values.get("K3")).isCloseTo(51, within(EXACT));
        assertThat(values.get("4.1")).isCloseTo(90, within(EXACT));
        assertThat(values.get("4.2")).isCloseTo(80, within(EXACT));
        assertThat(values.get("4.3")).isCloseTo(80, within(EXACT));
        assertThat(values.get("K4")).isCloseTo(84, within(EXACT));
        assertThat(values.get("5.1")).isCloseTo(80, within(EXACT));
        assertThat(values.get("5.2")).isCloseTo(80, within(EXACT));
        assertThat(values.get("5.3")).isCloseTo(80, within(EXACT));
        assertThat(values.get("K5")).isCloseTo(80, within(EXACT));
        assertThat(values.get("S")).isCloseTo((25.5 + 27 + 0.4 * 550.0 / 7 + 80 + 51 + 84 + 80) / 5, within(EXACT));
        Map<String, Metric> metrics = metrics(NokoTestData.MODEL.withEdition(Edition.B));
        assertThat(metrics.get("S").published()).isEqualByComparingTo("75.79");
        assertThat(metrics.get("1.3").published()).isEqualByComparingTo("78.57");
        assertThat(metrics.get("K1").published()).isEqualByComparingTo("83.93");
        assertThat(metrics.get("1.3").exact()).isEqualTo(BigFraction.of(550, 7));
        assertThat(metrics.get("1.1").exact()).isEqualTo(BigFraction.of(85));
        assertThat(metrics.get("1.1").value()).isEqualTo(85.0);
    }

    @Test
    void editionAGivesThe2018BaseAndS7230() {
        Map<String, Double> values = score(NokoTestData.MODEL.withEdition(Edition.A));

        assertThat(values.get("1.3")).isCloseTo(55, within(EXACT));
        assertThat(values.get("K1")).isCloseTo(74.5, within(EXACT));
        assertThat(values.get("4.3")).isCloseTo(40, within(EXACT));
        assertThat(values.get("K4")).isCloseTo(76, within(EXACT));
        assertThat(values.get("S")).isCloseTo(72.3, within(EXACT));
        assertThat(metrics(NokoTestData.MODEL.withEdition(Edition.A)).get("S").exact())
                .isEqualTo(BigFraction.of(723, 10));
    }

    @Test
    void theExampleSchoolIsRatedGoodOnTheDisplayScale() {
        BigFraction s = metrics(NokoTestData.MODEL).get("S").exact();

        assertThat(Level.of(NokoTestData.MODEL.levels(), s)).map(Level::name).contains("хорошо");
    }

    private static Map<String, Metric> metrics(NokoModel model) {
        return model.score(NokoTestData.workedExampleCounters(model), NokoTestData.WORKED_EXAMPLE_INPUTS).stream()
                .collect(Collectors.toMap(Metric::id, metric -> metric));
    }

    private static Map<String, Double> score(NokoModel model) {
        return model.score(NokoTestData.workedExampleCounters(model), NokoTestData.WORKED_EXAMPLE_INPUTS).stream()
                .collect(Collectors.toMap(Metric::id, Metric::value));
    }
}
