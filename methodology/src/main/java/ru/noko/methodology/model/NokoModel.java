package ru.noko.methodology.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.noko.methodology.instrument.Condition;
import ru.noko.methodology.scoring.Level;
import ru.noko.methodology.scoring.Metric;
import ru.noko.methodology.scoring.SurveyCounters;

/**
 * The official НОКО model (Приказ Минтруда № 344н with Минпросвещения № 114): indicators 1.1–5.3, criteria К1–К5 as
 * weighted sums, the organization score S as their mean. Formulas and conventions: docs/methodology.md.
 *
 * @param edition which variant of the edition-specific indicators (1.3, 4.3) is used
 * @param counts respondent counts kept per organization, each the number of responses meeting a condition
 * @param expertInputs the numbers an organization's self-assessment (expert checklist) supplies
 * @param indicators indicator definitions; an indicator may have one variant per edition
 * @param criteria weighted sums of indicators
 * @param score the organization score: the mean of the criteria
 */
public record NokoModel(
        String kind,
        String id,
        int version,
        String title,
        String instrument,
        Edition edition,
        List<CountDefinition> counts,
        List<ExpertInput> expertInputs,
        List<IndicatorDefinition> indicators,
        List<CriterionDefinition> criteria,
        ScoreDefinition score,
        List<Level> ratingLevels,
        Coverage coverage)
        implements ScoringModel {

    public static final String KIND = "noko";

    public enum Edition {
        A,
        B
    }

    /** A count: responses for which {@code when} holds (every response when absent). */
    public record CountDefinition(String id, String name, Condition when) {}

    /** An expert input: a whole number min..max (min 0 by default), at most the input named by {@code atMost}. */
    public record ExpertInput(String id, String name, Integer min, int max, String atMost) {
        int lowest() {
            return min == null ? 0 : min;
        }
    }

    /** Exactly one formula is set. */
    public record IndicatorDefinition(
            String id,
            String name,
            Edition edition,
            List<RatioPart> ratioMean,
            PointsPerItem pointsPerItem,
            Share share,
            List<Share> meanOfShares) {}

    /** Items present out of items required, from expert inputs. */
    public record RatioPart(String present, String required) {}

    /** Points for each item an expert input counts, up to a cap. */
    public record PointsPerItem(String input, BigDecimal points, BigDecimal cap) {}

    /** 100 × sum of the numerator counts / sum of the denominator counts. */
    public record Share(List<String> numerator, List<String> denominator) {}

    /** Weights are decimals as written in the model (0.3), used exactly. */
    public record CriterionDefinition(String id, String name, Map<String, BigDecimal> weights) {}

    public record ScoreDefinition(String id, String name) {}

    public NokoModel {
        counts = List.copyOf(counts);
        expertInputs = expertInputs == null ? List.of() : List.copyOf(expertInputs);
        indicators = List.copyOf(indicators);
        criteria = List.copyOf(criteria);
        ratingLevels = ratingLevels == null ? List.of() : List.copyOf(ratingLevels);
    }

    /** The same model computed with the other edition's indicator variants. */
    public NokoModel withEdition(Edition chosen) {
        return new NokoModel(
                kind,
                id,
                version,
                title,
                instrument,
                chosen,
                counts,
                expertInputs,
                indicators,
                criteria,
                score,
                ratingLevels,
                coverage);
    }

    /** Indicators in force for this model's edition: untagged ones and those tagged with it. */
    public List<IndicatorDefinition> indicatorsInForce() {
        return indicators.stream()
                .filter(i -> i.edition() == null || i.edition() == edition)
                .toList();
    }

    /** The methodology's territory figure is the mean over organizations; the expert inputs cannot be pooled. */
    @Override
    public TerritoryBasis territoryBasis() {
        return TerritoryBasis.ORGANIZATION_MEAN;
    }

    @Override
    public List<Level> levels() {
        return ratingLevels;
    }

    @Override
    public String mainMetric() {
        return score.id();
    }

    @Override
    public List<String> counterIds() {
        return counts.stream().map(CountDefinition::id).toList();
    }

    @Override
    public long[] countVector(String role, Map<String, ?> answers) {
        long[] vector = new long[counts.size()];
        for (int i = 0; i < vector.length; i++) {
            Condition when = counts.get(i).when();
            vector[i] = when == null || when.matches(answers.get(when.question())) ? 1L : 0L;
        }
        return vector;
    }

    @Override
    public List<Metric> score(SurveyCounters counters, Map<String, Integer> expertInputs) {
        return NokoScoring.score(this, counters, expertInputs);
    }

    @Override
    public List<String> checkExpertInputs(Map<String, Integer> inputs) {
        List<String> problems = new ArrayList<>();
        Map<String, ExpertInput> known = new LinkedHashMap<>();
        this.expertInputs.forEach(input -> known.put(input.id(), input));
        inputs.forEach((id, value) -> {
            ExpertInput input = known.get(id);
            if (input == null) {
                problems.add(id + ": нет такого показателя самообследования");
            } else if (value == null || value < input.lowest() || value > input.max()) {
                problems.add(id + " (" + input.name() + "): ожидается целое число от " + input.lowest() + " до "
                        + input.max());
            } else if (input.atMost() != null
                    && inputs.get(input.atMost()) != null
                    && value > inputs.get(input.atMost())) {
                problems.add(id + " (" + input.name() + "): не может быть больше, чем " + input.atMost() + " ("
                        + known.get(input.atMost()).name() + ")");
            }
        });
        return problems;
    }
}
