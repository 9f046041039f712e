package ru.noko.export.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompetitionRanksTest {

    record Org(String name, BigDecimal score) {}

    @Test
    void equalPublishedScoresShareARankAndTheNextRankSkips() {
        Org a = new Org("a", new BigDecimal("81.50")),
                b = new Org("b", new BigDecimal("90.00")),
                c = new Org("c", new BigDecimal("81.5")),
                d = new Org("d", new BigDecimal("70.01"));

        Map<Org, Integer> ranks = CompetitionRanks.of(List.of(a, b, c, d), Org::score);

        assertThat(ranks)
                .containsEntry(b, 1)
                .containsEntry(a, 2)
                .containsEntry(c, 2)
                .containsEntry(d, 4);
    }

    @Test
    void anOrganizationWithoutAScoreHasNoRankAndTakesNoPlace() {
        Org scored = new Org("a", new BigDecimal("50.00")), unscored = new Org("b", null);

        Map<Org, Integer> ranks = CompetitionRanks.of(Arrays.asList(unscored, scored), Org::score);

        assertThat(ranks).containsOnlyKeys(scored).containsEntry(scored, 1);
    }

    @Test
    void oneOrganizationIsFirst() {
        Org only = new Org("a", new BigDecimal("12.34"));

        assertThat(CompetitionRanks.of(List.of(only), Org::score)).containsExactly(Map.entry(only, 1));
    }
}
