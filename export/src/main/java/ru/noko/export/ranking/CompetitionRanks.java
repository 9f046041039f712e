package ru.noko.export.ranking;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Ranks by a published figure, highest first, the way sports tables do ("1224"): equal published values share a rank
 * and the next rank skips as many places as shared the one before. Ties are judged on the published value (two
 * decimals), the figure everyone reads, not on the exact fraction behind it. An item without the figure gets no rank.
 */
public final class CompetitionRanks {

    private CompetitionRanks() {}

    public static <T> Map<T, Integer> of(List<T> items, Function<T, BigDecimal> figure) {
        List<T> ranked = new ArrayList<>(
                items.stream().filter(item -> figure.apply(item) != null).toList());
        ranked.sort(Comparator.comparing(figure).reversed());
        Map<T, Integer> ranks = new IdentityHashMap<>();
        BigDecimal previous = null;
        int rank = 0;
        for (int i = 0; i < ranked.size(); i++) {
            BigDecimal value = figure.apply(ranked.get(i));
            if (previous == null || value.compareTo(previous) != 0) {
                rank = i + 1;
                previous = value;
            }
            ranks.put(ranked.get(i), rank);
        }
        return ranks;
    }
}
