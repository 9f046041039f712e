package ru.noko.publication.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ru.noko.export.ranking.RankingWorkbook;
import ru.noko.publication.figures.PublicFigure;
import ru.noko.publication.figures.PublicIndicator;
import ru.noko.publication.figures.PublicOrganization;
import ru.noko.publication.figures.PublicResults;
import ru.noko.publication.figures.PublicTerritory;

/**
 * What the analytical report says, computed from the published results only: the same figures the pages and the
 * ministry's export show, summarised.
 */
final class ReportFigures {

    /** An indicator across the region: the plain mean of its published values over the organizations that have it. */
    record IndicatorMean(String id, String name, BigDecimal mean, int organizations) {}

    /** The change of the main figure for organizations scored in both campaigns. */
    record Change(int compared, int improved, int declined, BigDecimal meanBefore, BigDecimal meanNow) {}

    private final PublicResults results;

    ReportFigures(PublicResults results) {
        this.results = results;
    }

    List<PublicOrganization> scored() {
        return results.organizations().stream().filter(o -> o.score() != null).toList();
    }

    /** Organizations per level of the main figure, the levels in falling order of their lowest score. */
    Map<String, Long> levels(List<PublicOrganization> organizations) {
        Map<String, BigDecimal> lowest = new LinkedHashMap<>();
        for (PublicOrganization o : scored()) {
            lowest.merge(o.level(), o.score(), BigDecimal::min);
        }
        List<String> order = new ArrayList<>(lowest.keySet());
        order.sort(Comparator.comparing(lowest::get).reversed());
        Map<String, Long> counts = new LinkedHashMap<>();
        order.forEach(level -> counts.put(level, 0L));
        for (PublicOrganization o : organizations) {
            if (o.score() != null) {
                counts.merge(o.level(), 1L, Long::sum);
            }
        }
        return counts;
    }

    /** Organizations per type, each with its level counts. */
    Map<String, Map<String, Long>> levelsByType() {
        Map<String, List<PublicOrganization>> byType = new TreeMap<>();
        for (PublicOrganization o : results.organizations()) {
            byType.computeIfAbsent(RankingWorkbook.typeName(o.organization().type()), k -> new ArrayList<>())
                    .add(o);
        }
        Map<String, Map<String, Long>> levels = new LinkedHashMap<>();
        byType.forEach((type, members) -> levels.put(type, levels(members)));
        return levels;
    }

    /** Every indicator's regional mean, strongest first. */
    List<IndicatorMean> indicators() {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (PublicOrganization o : results.organizations()) {
            for (PublicIndicator indicator : o.indicators()) {
                if (indicator.value() == null || !indicator.id().matches("[1-5]\\..*")) {
                    continue;
                }
                names.putIfAbsent(indicator.id(), indicator.name());
                sums.merge(indicator.id(), indicator.value(), BigDecimal::add);
                counts.merge(indicator.id(), 1, Integer::sum);
            }
        }
        List<IndicatorMean> means = new ArrayList<>();
        sums.forEach((id, sum) -> means.add(new IndicatorMean(
                id,
                names.get(id),
                sum.divide(BigDecimal.valueOf(counts.get(id)), 2, RoundingMode.HALF_UP),
                counts.get(id))));
        means.sort(Comparator.comparing(IndicatorMean::mean).reversed().thenComparing(IndicatorMean::id));
        return means;
    }

    /** Scored organizations, highest score first (ties by name). */
    List<PublicOrganization> ranked() {
        List<PublicOrganization> ranked = new ArrayList<>(scored());
        ranked.sort(Comparator.comparing(PublicOrganization::score)
                .reversed()
                .thenComparing(o -> o.organization().name()));
        return ranked;
    }

    Change change() {
        String main = results.mainFigure();
        int compared = 0;
        int improved = 0;
        int declined = 0;
        BigDecimal before = BigDecimal.ZERO;
        BigDecimal now = BigDecimal.ZERO;
        for (PublicOrganization o : results.organizations()) {
            PublicFigure figure = o.figure(main);
            if (figure == null || figure.change() == null) {
                continue;
            }
            compared++;
            before = before.add(figure.previous());
            now = now.add(figure.value());
            improved += figure.change().signum() > 0 ? 1 : 0;
            declined += figure.change().signum() < 0 ? 1 : 0;
        }
        return compared == 0
                ? new Change(0, 0, 0, null, null)
                : new Change(
                        compared,
                        improved,
                        declined,
                        before.divide(BigDecimal.valueOf(compared), 2, RoundingMode.HALF_UP),
                        now.divide(BigDecimal.valueOf(compared), 2, RoundingMode.HALF_UP));
    }

    List<PublicTerritory> municipalities() {
        return results.municipalities();
    }
}
