package ru.noko.methodology.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;

/** The stream carries a response's counts as a vector in {@code counterIds} order: countsOf must keep to it. */
class CounterIdsTest {

    @Test
    void everyBundledModelCountsExactlyItsCounterIdsInTheirOrder() throws Exception {
        List<Map<String, ?>> answerSets = List.of(
                Map.of(),
                Map.of("q1", true, "q2", 3, "q3", List.of("a")),
                Map.of("q1", false, "q5", "yes", "q9", true));
        for (Campaign campaign : Campaigns.load("").all()) {
            ScoringModel model = campaign.model();
            assertThat(model.counterIds()).isNotEmpty().doesNotHaveDuplicates();
            for (String role : List.of("parent", "student", "teacher")) {
                for (Map<String, ?> answers : answerSets) {
                    assertThat(List.copyOf(model.countsOf(role, answers).keySet()))
                            .as(campaign.id() + " " + role)
                            .isEqualTo(model.counterIds());
                }
            }
        }
    }
}
