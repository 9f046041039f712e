package ru.noko.methodology.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import ru.noko.methodology.instrument.InstrumentValidator;
import ru.noko.methodology.model.NokoModel.Edition;
import ru.noko.methodology.scoring.Metric;
import ru.noko.methodology.scoring.SurveyCounters;

/** Properties over many random campaigns (fixed seeds, so a failure repeats). */
class NokoPropertiesTest {

    private static final int CAMPAIGNS = 300;

    /** Indicator → the answers of a respondent satisfied on exactly what it measures (filters opened). */
    private static final Map<String, Map<String, Boolean>> SATISFIED_ON = Map.of(
            "1.3", Map.of("q1", true, "q2", true, "q3", true, "q4", true),
            "2.3", Map.of("q5", true),
            "3.3", Map.of("q6", true, "q7", true),
            "4.1", Map.of("q8", true),
            "4.2", Map.of("q9", true),
            "4.3", Map.of("q10", true, "q11", true),
            "5.1", Map.of("q12", true),
            "5.2", Map.of("q13", true),
            "5.3", Map.of("q14", true));

    @ParameterizedTest
    @EnumSource(Edition.class)
    void everyIndicatorCriterionAndScoreStaysWithin0And100(Edition edition) {
        NokoModel model = NokoTestData.MODEL.withEdition(edition);
        Random random = new Random(1);
        for (int campaign = 0; campaign < CAMPAIGNS; campaign++) {
            List<Map<String, Object>> responses = randomResponses(random, random.nextInt(30));
            for (Metric metric : model.score(NokoTestData.counters(model, responses), randomInputs(random))) {
                if (metric.isDefined()) {
                    assertThat(metric.value()).as(metric.id()).isBetween(0.0, 100.0);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Edition.class)
    void addingASatisfiedAnswerNeverLowersTheIndicatorItFeeds(Edition edition) {
        NokoModel model = NokoTestData.MODEL.withEdition(edition);
        Random random = new Random(2);
        for (int campaign = 0; campaign < CAMPAIGNS; campaign++) {
            List<Map<String, Object>> responses = randomResponses(random, random.nextInt(20));
            Map<String, Integer> inputs = randomInputs(random);
            Map<String, Metric> before = byId(model.score(NokoTestData.counters(model, responses), inputs));
            for (Map.Entry<String, Map<String, Boolean>> fed : SATISFIED_ON.entrySet()) {
                Map<String, Object> satisfied = randomResponse(random);
                satisfied.putAll(fed.getValue());
                assertThat(InstrumentValidator.validate(NokoTestData.INSTRUMENT, "parent", satisfied))
                        .isEmpty();
                List<Map<String, Object>> more = new ArrayList<>(responses);
                more.add(satisfied);
                Metric after = byId(model.score(NokoTestData.counters(model, more), inputs))
                        .get(fed.getKey());

                assertThat(after.isDefined()).as(fed.getKey()).isTrue();
                if (before.get(fed.getKey()).isDefined()) {
                    assertThat(after.value())
                            .as(fed.getKey())
                            .isGreaterThanOrEqualTo(before.get(fed.getKey()).value() - 1e-12);
                }
            }
        }
    }

    @Test
    void mergingCountersInAnyOrderOrGroupingEqualsCountingAllResponses() {
        NokoModel model = NokoTestData.MODEL;
        Random random = new Random(3);
        for (int campaign = 0; campaign < CAMPAIGNS; campaign++) {
            List<Map<String, Object>> responses = randomResponses(random, random.nextInt(40));
            SurveyCounters all = NokoTestData.counters(model, responses);

            List<Map<String, Object>> shuffled = new ArrayList<>(responses);
            Collections.shuffle(shuffled, random);
            List<SurveyCounters> parts = new ArrayList<>();
            int from = 0;
            while (from < shuffled.size()) {
                int to = from + 1 + random.nextInt(shuffled.size() - from);
                parts.add(NokoTestData.counters(model, shuffled.subList(from, to)));
                from = to;
            }
            Collections.shuffle(parts, random);
            SurveyCounters merged = parts.stream().reduce(SurveyCounters.empty(), SurveyCounters::plus);
            SurveyCounters rightToLeft = SurveyCounters.empty();
            for (int i = parts.size() - 1; i >= 0; i--) {
                rightToLeft = parts.get(i).plus(rightToLeft);
            }

            assertThat(merged).isEqualTo(all).isEqualTo(rightToLeft);
            Map<String, Integer> inputs = randomInputs(random);
            assertThat(model.score(merged, inputs)).isEqualTo(model.score(all, inputs));
        }
    }

    /** A valid questionnaire with random answers, honouring the skip logic. */
    static Map<String, Object> randomResponse(Random random) {
        Map<String, Object> answers = new HashMap<>();
        for (int q = 1; q <= 14; q++) {
            answers.put("q" + q, random.nextBoolean());
        }
        for (int[] filter : new int[][] {{1, 2}, {3, 4}, {6, 7}, {10, 11}}) {
            if (!(Boolean) answers.get("q" + filter[0])) {
                answers.remove("q" + filter[1]);
            }
        }
        return answers;
    }

    private static List<Map<String, Object>> randomResponses(Random random, int count) {
        List<Map<String, Object>> responses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            responses.add(randomResponse(random));
        }
        return responses;
    }

    private static Map<String, Integer> randomInputs(Random random) {
        int standRequired = 1 + random.nextInt(20);
        int siteRequired = 1 + random.nextInt(60);
        return Map.of(
                "standItemsRequired",
                standRequired,
                "standItems",
                random.nextInt(standRequired + 1),
                "siteItemsRequired",
                siteRequired,
                "siteItems",
                random.nextInt(siteRequired + 1),
                "remoteChannels",
                random.nextInt(7),
                "comfortConditions",
                random.nextInt(6),
                "accessibleEquipment",
                random.nextInt(6),
                "accessibleServices",
                random.nextInt(7));
    }

    private static Map<String, Metric> byId(List<Metric> metrics) {
        return metrics.stream().collect(Collectors.toMap(Metric::id, metric -> metric));
    }
}
