package ru.noko.methodology.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;
import ru.noko.methodology.model.NokoModel.CriterionDefinition;
import ru.noko.methodology.model.NokoModel.IndicatorDefinition;
import ru.noko.methodology.model.NokoModel.PointsPerItem;
import ru.noko.methodology.model.NokoModel.RatioPart;
import ru.noko.methodology.model.NokoModel.Share;
import ru.noko.methodology.scoring.Exact;
import ru.noko.methodology.scoring.Metric;
import ru.noko.methodology.scoring.Metric.Part;
import ru.noko.methodology.scoring.MetricStatus;
import ru.noko.methodology.scoring.SurveyCounters;

/**
 * The arithmetic of the НОКО model, in exact fractions (rounding happens once, when a value is published). Edge
 * cases are the project's conventions (docs/methodology.md): a zero denominator makes an indicator undefined, a
 * criterion is then computed from its defined indicators with the weights rescaled to sum to 1, and the score needs
 * all five criteria.
 */
final class NokoScoring {

    private NokoScoring() {}

    static List<Metric> score(NokoModel model, SurveyCounters counters, Map<String, Integer> inputs) {
        Map<String, Metric> indicators = new LinkedHashMap<>();
        for (IndicatorDefinition indicator : model.indicatorsInForce()) {
            indicators.put(indicator.id(), indicator(indicator, counters, inputs));
        }
        List<Metric> metrics = new ArrayList<>(indicators.values());
        List<Metric> criteria = new ArrayList<>();
        for (CriterionDefinition criterion : model.criteria()) {
            criteria.add(criterion(criterion, indicators));
        }
        metrics.addAll(criteria);
        metrics.add(mean(model.score().id(), model.score().name(), criteria));
        return metrics;
    }

    static Metric indicator(IndicatorDefinition indicator, SurveyCounters counters, Map<String, Integer> inputs) {
        String id = indicator.id();
        String name = indicator.name();
        if (indicator.ratioMean() != null) {
            List<BigFraction> ratios = new ArrayList<>();
            List<Part> parts = new ArrayList<>();
            for (RatioPart part : indicator.ratioMean()) {
                Integer present = inputs.get(part.present());
                Integer required = inputs.get(part.required());
                if (present == null || required == null) {
                    return Metric.undefined(id, name, MetricStatus.MISSING_INPUT);
                }
                // A checklist with nothing required is a filing error, caught by checkExpertInputs (min 1).
                ratios.add(required == 0 ? Exact.ZERO : BigFraction.of(present, required));
                parts.add(new Part(present, required));
            }
            return Metric.ok(id, name, Exact.mean(ratios).multiply(Exact.HUNDRED), null, parts);
        }
        if (indicator.pointsPerItem() != null) {
            PointsPerItem points = indicator.pointsPerItem();
            Integer items = inputs.get(points.input());
            if (items == null) {
                return Metric.undefined(id, name, MetricStatus.MISSING_INPUT);
            }
            BigFraction earned = Exact.of(points.points()).multiply(items);
            BigFraction cap = Exact.of(points.cap());
            // The items are what was counted; points per item and the cap are the model's, so there is no denominator.
            return Metric.ok(id, name, earned.compareTo(cap) > 0 ? cap : earned, null, List.of(Part.items(items)));
        }
        if (indicator.share() != null) {
            Part share = share(indicator.share(), counters);
            return share == null
                    ? Metric.undefined(id, name, MetricStatus.NO_DATA)
                    : Metric.ok(id, name, percent(share), null, List.of(share));
        }
        // Only the shares averaged are parts, so the parts are the N of the note «среднее по N из M частей».
        List<Part> defined = new ArrayList<>();
        for (Share part : indicator.meanOfShares()) {
            Part share = share(part, counters);
            if (share != null) {
                defined.add(share);
            }
        }
        if (defined.isEmpty()) {
            return Metric.undefined(id, name, MetricStatus.NO_DATA);
        }
        String note = defined.size() < indicator.meanOfShares().size()
                ? "среднее по " + defined.size() + " из "
                        + indicator.meanOfShares().size() + " частей (нет данных по остальным)"
                : null;
        return Metric.ok(
                id, name, Exact.mean(defined.stream().map(NokoScoring::percent).toList()), note, defined);
    }

    /** Σ numerator counts of Σ denominator counts, or null when the denominator is zero (the share is undefined). */
    private static Part share(Share share, SurveyCounters counters) {
        long numerator = share.numerator().stream().mapToLong(counters::count).sum();
        long denominator =
                share.denominator().stream().mapToLong(counters::count).sum();
        return denominator == 0 ? null : new Part(numerator, denominator);
    }

    private static BigFraction percent(Part share) {
        return Exact.percent(share.numerator(), share.denominator());
    }

    private static Metric criterion(CriterionDefinition criterion, Map<String, Metric> indicators) {
        MetricStatus missing = MetricStatus.OK;
        BigFraction weighted = Exact.ZERO;
        BigFraction weights = Exact.ZERO;
        int dropped = 0;
        for (Map.Entry<String, BigDecimal> weight : criterion.weights().entrySet()) {
            Metric indicator = indicators.get(weight.getKey());
            if (indicator.isDefined()) {
                BigFraction w = Exact.of(weight.getValue());
                weighted = weighted.add(w.multiply(indicator.exact()));
                weights = weights.add(w);
            } else if (indicator.status() == MetricStatus.MISSING_INPUT) {
                missing = MetricStatus.MISSING_INPUT;
            } else {
                dropped++;
            }
        }
        if (missing != MetricStatus.OK) {
            return Metric.undefined(criterion.id(), criterion.name(), missing);
        }
        if (weights.isZero()) {
            return Metric.undefined(criterion.id(), criterion.name(), MetricStatus.NO_DATA);
        }
        String note = dropped == 0 ? null : "веса пересчитаны: нет данных по " + dropped + " показателю(ям)";
        return Metric.ok(criterion.id(), criterion.name(), weighted.divide(weights), note);
    }

    /** The score is the plain mean of all criteria; it is undefined while any criterion is. */
    private static Metric mean(String id, String name, List<Metric> criteria) {
        MetricStatus status = MetricStatus.OK;
        List<BigFraction> values = new ArrayList<>();
        for (Metric criterion : criteria) {
            if (!criterion.isDefined()) {
                status = worst(status, criterion.status());
            } else {
                values.add(criterion.exact());
            }
        }
        return status == MetricStatus.OK
                ? Metric.ok(id, name, Exact.mean(values), null)
                : Metric.undefined(id, name, status);
    }

    private static MetricStatus worst(MetricStatus a, MetricStatus b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
