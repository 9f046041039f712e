package ru.noko.methodology.campaign;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.numbers.fraction.BigFraction;
import ru.noko.methodology.model.Coverage;
import ru.noko.methodology.model.ScoringModel;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.registry.OrganizationRegistry;
import ru.noko.methodology.scoring.Exact;
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

    /** Municipalities and regions from organizations' results. */
    public CampaignResult rollUp(List<OrganizationResult> organizations) {
        List<TerritoryResult> municipalities = territories(
                organizations,
                o -> List.of(o.organization().region(), o.organization().municipality()),
                true);
        List<TerritoryResult> regions =
                territories(organizations, o -> List.of(o.organization().region()), false);
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

    private List<TerritoryResult> territories(
            List<OrganizationResult> organizations, Function<OrganizationResult, List<String>> key, boolean municipal) {
        Map<List<String>, List<OrganizationResult>> groups = organizations.stream()
                .collect(Collectors.groupingBy(
                        key, () -> new TreeMap<>(Comparator.comparing(Object::toString)), Collectors.toList()));
        List<TerritoryResult> territories = new ArrayList<>();
        groups.forEach((names, members) -> {
            String municipality = municipal ? names.get(1) : null;
            Map<String, List<OrganizationResult>> byType = new TreeMap<>(members.stream()
                    .collect(Collectors.groupingBy(o -> o.organization().type().code())));
            List<TerritoryResult> types = new ArrayList<>();
            byType.forEach((type, ofType) -> types.add(territory(names.get(0), municipality, type, ofType, List.of())));
            territories.add(territory(names.get(0), municipality, null, members, types));
        });
        return territories;
    }

    private TerritoryResult territory(
            String region,
            String municipality,
            String type,
            List<OrganizationResult> members,
            List<TerritoryResult> byType) {
        Map<String, TerritoryFigure> figures = new LinkedHashMap<>();
        Map<String, Metric> pooled = pooled(members);
        List<Metric> templates = members.get(0).metrics();
        for (int position = 0; position < templates.size(); position++) {
            Metric template = templates.get(position);
            figures.put(template.id(), figure(template, position, members, pooled.get(template.id())));
        }
        TerritoryFigure main = figures.get(model.mainMetric());
        int scored = main.organizations();
        int representative = (int)
                members.stream().filter(OrganizationResult::representative).count();
        long responses =
                members.stream().mapToLong(o -> o.counters().responses()).sum();
        return new TerritoryResult(
                region,
                municipality,
                type,
                members.size(),
                scored,
                representative,
                responses,
                List.copyOf(figures.values()),
                level(main.value()),
                coverage(members),
                byType);
    }

    /** The figures of the members' answers pooled together, by id; empty where the model cannot pool. */
    private Map<String, Metric> pooled(List<OrganizationResult> members) {
        Map<String, Metric> byId = new LinkedHashMap<>();
        if (model.poolable()) {
            SurveyCounters all = SurveyCounters.empty();
            for (OrganizationResult member : members) {
                all = all.plus(member.counters());
            }
            model.score(all, Map.of()).forEach(metric -> byId.put(metric.id(), metric));
        }
        return byId;
    }

    /** @param position where the model puts the metric: the same in every member, looked up by id only if not */
    private TerritoryFigure figure(Metric template, int position, List<OrganizationResult> members, Metric pooled) {
        List<BigFraction> values = new ArrayList<>();
        long[] responses = new long[members.size()];
        long weights = 0;
        for (OrganizationResult member : members) {
            List<Metric> metrics = member.metrics();
            Metric metric =
                    position < metrics.size() && metrics.get(position).id().equals(template.id())
                            ? metrics.get(position)
                            : member.metric(template.id());
            if (metric.isDefined()) {
                responses[values.size()] = member.counters().responses();
                weights += responses[values.size()];
                values.add(metric.exact());
            }
        }
        int defined = values.size();
        return new TerritoryFigure(
                template.id(),
                template.name(),
                defined == 0 ? null : Exact.mean(values),
                weights == 0 ? null : Exact.weightedMean(values, responses),
                pooled == null ? null : pooled.exact(),
                model.territoryBasis(),
                defined);
    }

    private List<RoleCoverage> coverage(List<OrganizationResult> members) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (OrganizationResult member : members) {
            for (RoleCoverage role : member.coverage()) {
                long[] sum = sums.computeIfAbsent(role.role(), r -> new long[3]);
                sum[0] += role.responses();
                sum[1] += role.contingent();
                sum[2] += role.required();
            }
        }
        List<RoleCoverage> coverages = new ArrayList<>();
        sums.forEach((role, sum) -> coverages.add(RoleCoverage.of(role, sum[0], sum[1], sum[2])));
        return coverages;
    }

    private String level(BigFraction value) {
        return Level.of(model.levels(), value).map(Level::name).orElse(null);
    }
}
