package ru.noko.methodology.campaign;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.numbers.fraction.BigFraction;
import ru.noko.methodology.model.Coverage;
import ru.noko.methodology.model.ScoringModel;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.registry.OrganizationRegistry;
import ru.noko.methodology.scoring.ExactSum;
import ru.noko.methodology.scoring.Level;
import ru.noko.methodology.scoring.Metric;
import ru.noko.methodology.scoring.SurveyCounters;

/**
 * Scores every organization of a registry from its counters and self-assessment, then rolls the figures up to
 * municipalities and regions, in all and per organization type, with coverage against the campaign's target. A
 * territory's figure is the mean over its organizations (the НОКО methodology) or, where the model says so, the share
 * over its answers pooled together; the respondent-weighted mean is kept as a separate figure. All exact.
 */
public final class CampaignScoring {

    private final ScoringModel model;
    private final Coverage coverage;
    private final List<String> roles;

    /**
     * @param coverage the campaign's target (the model's default unless the campaign sets one)
     * @param roles the respondent roles whose coverage counts (the instrument's roles)
     */
    public CampaignScoring(ScoringModel model, Coverage coverage, List<String> roles) {
        this.model = model;
        this.coverage = coverage;
        this.roles = List.copyOf(roles);
    }

    public CampaignResult score(
            OrganizationRegistry registry,
            Map<String, SurveyCounters> counters,
            Map<String, Map<String, Integer>> selfAssessments) {
        List<OrganizationResult> organizations = new ArrayList<>();
        for (Organization organization : registry.organizations()) {
            organizations.add(organization(
                    organization,
                    counters.getOrDefault(organization.id(), SurveyCounters.empty()),
                    selfAssessments.getOrDefault(organization.id(), Map.of())));
        }
        return rollUp(organizations);
    }

    /**
     * Municipalities and regions from organizations' results: each organization is summed into the cell of its
     * municipality and type once ({@link TerritoryTotals}), and the territories merge cells.
     */
    public CampaignResult rollUp(List<OrganizationResult> organizations) {
        Comparator<List<String>> byName = Comparator.comparing(Object::toString);
        Map<List<String>, Map<String, TerritoryTotals>> cells = new TreeMap<>(byName);
        for (OrganizationResult result : organizations) {
            Organization organization = result.organization();
            cells.computeIfAbsent(List.of(organization.region(), organization.municipality()), k -> new TreeMap<>())
                    .computeIfAbsent(organization.type().code(), t -> new TerritoryTotals(result.metrics()))
                    .add(result, model.poolable());
        }
        Map<List<String>, Map<String, TerritoryTotals>> regionCells = new TreeMap<>(byName);
        cells.forEach((names, byType) -> byType.forEach((type, cell) -> regionCells
                .computeIfAbsent(List.of(names.get(0)), k -> new TreeMap<>())
                .computeIfAbsent(type, t -> cell.emptyLike())
                .add(cell)));
        List<TerritoryResult> municipalities = new ArrayList<>();
        cells.forEach((names, byType) -> municipalities.add(territory(names.get(0), names.get(1), byType)));
        List<TerritoryResult> regions = new ArrayList<>();
        regionCells.forEach((names, byType) -> regions.add(territory(names.get(0), null, byType)));
        return new CampaignResult(organizations, municipalities, regions);
    }

    public OrganizationResult organization(
            Organization organization, SurveyCounters counters, Map<String, Integer> expertInputs) {
        List<Metric> metrics = model.score(counters, expertInputs);
        Metric main = metrics.stream()
                .filter(m -> m.id().equals(model.mainMetric()))
                .findFirst()
                .orElseThrow();
        List<RoleCoverage> coverages = new ArrayList<>();
        for (String role : roles) {
            long contingent = organization.contingent(role);
            if (contingent > 0) {
                coverages.add(
                        RoleCoverage.of(role, counters.responses(role), contingent, coverage.required(contingent)));
            }
        }
        boolean representative = !coverages.isEmpty() && coverages.stream().allMatch(RoleCoverage::met);
        return new OrganizationResult(organization, counters, metrics, level(main.exact()), coverages, representative);
    }

    /** A territory in all and per type, from its cells by type. */
    private TerritoryResult territory(String region, String municipality, Map<String, TerritoryTotals> byType) {
        TerritoryTotals all = null;
        List<TerritoryResult> types = new ArrayList<>();
        for (Map.Entry<String, TerritoryTotals> cell : byType.entrySet()) {
            types.add(territory(region, municipality, cell.getKey(), cell.getValue(), List.of()));
            if (all == null) {
                all = cell.getValue().emptyLike();
            }
            all.add(cell.getValue());
        }
        return territory(region, municipality, null, all, types);
    }

    private TerritoryResult territory(
            String region, String municipality, String type, TerritoryTotals totals, List<TerritoryResult> byType) {
        Map<String, TerritoryFigure> figures = new LinkedHashMap<>();
        Map<String, Metric> pooled = new LinkedHashMap<>();
        if (model.poolable()) {
            model.score(totals.pooled(), Map.of()).forEach(metric -> pooled.put(metric.id(), metric));
        }
        List<Metric> templates = totals.templates();
        for (int position = 0; position < templates.size(); position++) {
            Metric template = templates.get(position);
            ExactSum sum = totals.figure(position);
            Metric pooledMetric = pooled.get(template.id());
            figures.put(
                    template.id(),
                    new TerritoryFigure(
                            template.id(),
                            template.name(),
                            sum.mean(),
                            sum.weightedMean(),
                            pooledMetric == null ? null : pooledMetric.exact(),
                            model.territoryBasis(),
                            (int) sum.count()));
        }
        TerritoryFigure main = figures.get(model.mainMetric());
        return new TerritoryResult(
                region,
                municipality,
                type,
                totals.organizations(),
                main.organizations(),
                totals.representative(),
                totals.responses(),
                List.copyOf(figures.values()),
                level(main.value()),
                totals.coverage(roles),
                byType);
    }

    private String level(BigFraction value) {
        return Level.of(model.levels(), value).map(Level::name).orElse(null);
    }
}
