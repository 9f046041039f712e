package ru.noko.methodology.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.noko.methodology.model.NokoModel.CriterionDefinition;
import ru.noko.methodology.model.NokoModel.IndicatorDefinition;
import ru.noko.methodology.model.NokoModel.RatioPart;
import ru.noko.methodology.model.NokoModel.Share;
import ru.noko.methodology.scoring.Metric;
import ru.noko.methodology.scoring.MetricStatus;
import ru.noko.methodology.scoring.SurveyCounters;

/**
 * The arithmetic of the НОКО model, in full double precision (rounding is for display only). Edge cases are the
 * project's conventions of methodology.md section 6: a zero denominator makes an indicator undefined, a criterion
 * is then computed from its defined indicators with the weights rescaled to sum to 1, and the score needs all five
 * criteria.
 */
final class NokoScoring {

    private static final double PERCENT = 100.0;

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
            double sum = 0;
            for (RatioPart part : indicator.ratioMean()) {
                Integer present = inputs.get(part.present());
                Integer required = inputs.get(part.required());
                if (present == null || required == null) {
                    return Metric.undefined(id, name, MetricStatus.MISSING_INPUT);
                }
                // A checklist with nothing required is a filing error, caught by checkExpertInputs (min 1).
                sum += required == 0 ? 0 : (double) present / required;
            }
            return Metric.ok(id, name, sum / indicator.ratioMean().size() * PERCENT, null);
        }
        if (indicator.pointsPerItem() != null) {
            Integer items = inputs.get(indicator.pointsPerItem().input());
            if (items == null) {
                return Metric.undefined(id, name, MetricStatus.MISSING_INPUT);
            }
            return Metric.ok(id, name, Math.min(indicator.pointsPerItem().points() * items, indicator.pointsPerItem().cap()), null);
        }
        if (indicator.share() != null) {
            Double share = share(indicator.share(), counters);
            return share == null ? Metric.undefined(id, name, MetricStatus.NO_DATA) : Metric.ok(id, name, share, null);
        }
        List<Double> defined = indicator.meanOfShares().stream().map(share -> share(share, counters))
                .filter(share -> share != null).toList();
        if (defined.isEmpty()) {
            return Metric.undefined(id, name, MetricStatus.NO_DATA);
        }
        String note = defined.size() < indicator.meanOfShares().size()
                ? "среднее по " + defined.size() + " из " + indicator.meanOfShares().size() + " частей (нет данных по остальным)"
                : null;
        return Metric.ok(id, name, defined.stream().mapToDouble(Double::doubleValue).sum() / defined.size(), note);
    }

    /** 100 × Σ numerator / Σ denominator, or null when the denominator is zero. */
    private static Double share(Share share, SurveyCounters counters) {
        long numerator = share.numerator().stream().mapToLong(counters::count).sum();
        long denominator = share.denominator().stream().mapToLong(counters::count).sum();
        return denominator == 0 ? null : PERCENT * numerator / denominator;
    }

    private static Metric criterion(CriterionDefinition criterion, Map<String, Metric> indicators) {
        MetricStatus missing = MetricStatus.OK;
        double weighted = 0;
        double weights = 0;
        int dropped = 0;
        for (Map.Entry<String, Double> weight : criterion.weights().entrySet()) {
            Metric indicator = indicators.get(weight.getKey());
            if (indicator.isDefined()) {
                weighted += weight.getValue() * indicator.value();
                weights += weight.getValue();
            } else if (indicator.status() == MetricStatus.MISSING_INPUT) {
                missing = MetricStatus.MISSING_INPUT;
            } else {
                dropped++;
            }
        }
        if (missing != MetricStatus.OK) {
            return Metric.undefined(criterion.id(), criterion.name(), missing);
        }
        if (weights == 0) {
            return Metric.undefined(criterion.id(), criterion.name(), MetricStatus.NO_DATA);
        }
        String note = dropped == 0 ? null : "веса пересчитаны: нет данных по " + dropped + " показателю(ям)";
        return Metric.ok(criterion.id(), criterion.name(), weighted / weights, note);
    }

    /** The score is the plain mean of all criteria; it is undefined while any criterion is. */
    private static Metric mean(String id, String name, List<Metric> criteria) {
        MetricStatus status = MetricStatus.OK;
        double sum = 0;
        for (Metric criterion : criteria) {
            if (!criterion.isDefined()) {
                status = status == MetricStatus.OK ? criterion.status() : worst(status, criterion.status());
            } else {
                sum += criterion.value();
            }
        }
        return status == MetricStatus.OK ? Metric.ok(id, name, sum / criteria.size(), null) : Metric.undefined(id, name, status);
    }

    private static MetricStatus worst(MetricStatus a, MetricStatus b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
