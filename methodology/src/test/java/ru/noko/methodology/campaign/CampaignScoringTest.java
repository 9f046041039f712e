package ru.noko.methodology.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;
import org.junit.jupiter.api.Test;
import ru.noko.methodology.instrument.InstrumentLoader;
import ru.noko.methodology.model.Coverage;
import ru.noko.methodology.model.ModelLoader;
import ru.noko.methodology.model.ScoringModel;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.registry.OrganizationRegistry;
import ru.noko.methodology.registry.OrganizationType;
import ru.noko.methodology.scoring.Exact;
import ru.noko.methodology.scoring.Metric;
import ru.noko.methodology.scoring.SurveyCounters;

class CampaignScoringTest {

    private static final double EXACT = 1e-9;
    private static final double WORKED_EXAMPLE_S = (25.5 + 27 + 0.4 * 550.0 / 7 + 80 + 51 + 84 + 80) / 5;

    private final CampaignScoring scoring =
            new CampaignScoring(model(), new Coverage(new BigDecimal("0.5"), 600), List.of("parent", "student"));

    @Test
    void aMunicipalityIsTheMeanOfItsSchoolsAsInTheMethodologyExample() {
        CampaignResult result = scoring.rollUp(List.of(
                result(org("a", OrganizationType.GENERAL, "Мо-1", "Регион-1"), WORKED_EXAMPLE_S, 10),
                result(org("b", OrganizationType.GENERAL, "Мо-1", "Регион-1"), 68.40, 20),
                result(org("c", OrganizationType.GENERAL, "Мо-1", "Регион-1"), 90.15, 30)));

        TerritoryFigure s = figure(result.municipalities().get(0), "S");
        assertThat(s.mean().doubleValue()).isCloseTo((WORKED_EXAMPLE_S + 68.40 + 90.15) / 3, within(EXACT));
        assertThat(Exact.published(s.mean())).isEqualByComparingTo("78.11");
        assertThat(s.value()).isEqualTo(s.mean());
        assertThat(s.respondentWeighted().doubleValue())
                .isCloseTo((WORKED_EXAMPLE_S * 10 + 68.40 * 20 + 90.15 * 30) / 60, within(EXACT));
        assertThat(s.organizations()).isEqualTo(3);
    }

    @Test
    void organizationsWithoutAScoreAreLeftOutOfTheMeanButCounted() {
        CampaignResult result = scoring.rollUp(List.of(
                result(org("a", OrganizationType.GENERAL, "Мо-1", "Регион-1"), 80.0, 10),
                result(org("b", OrganizationType.PRESCHOOL, "Мо-1", "Регион-1"), null, 0)));

        TerritoryResult municipality = result.municipalities().get(0);
        assertThat(municipality.organizations()).isEqualTo(2);
        assertThat(municipality.scored()).isEqualTo(1);
        assertThat(figure(municipality, "S").mean()).isEqualTo(BigFraction.of(80));
    }

    @Test
    void territoriesAreRolledUpPerMunicipalityRegionAndOrganizationType() {
        CampaignResult result = scoring.rollUp(List.of(
                result(org("a", OrganizationType.GENERAL, "Мо-1", "Регион-1"), 80.0, 10),
                result(org("b", OrganizationType.PRESCHOOL, "Мо-1", "Регион-1"), 60.0, 10),
                result(org("c", OrganizationType.GENERAL, "Мо-2", "Регион-1"), 70.0, 10),
                result(org("d", OrganizationType.ADDITIONAL, "Мо-3", "Регион-2"), 50.0, 10)));

        assertThat(result.municipalities())
                .extracting(TerritoryResult::municipality)
                .containsExactly("Мо-1", "Мо-2", "Мо-3");
        assertThat(result.regions()).extracting(TerritoryResult::region).containsExactly("Регион-1", "Регион-2");
        TerritoryResult region = result.regions().get(0);
        assertThat(figure(region, "S").mean()).isEqualTo(BigFraction.of(70));
        assertThat(region.level()).isEqualTo("хорошо");
        assertThat(region.byType())
                .extracting(TerritoryResult::organizationType)
                .containsExactly("general", "preschool");
        assertThat(figure(region.byType().get(0), "S").mean()).isEqualTo(BigFraction.of(75));
    }

    @Test
    void coverageIsTheTargetShareOfEachRolesContingentCappedPerOrganization() {
        Organization school = new Organization(
                "s",
                "Школа",
                "7707083893",
                OrganizationType.GENERAL,
                "Мо",
                "Регион",
                Map.of("parent", 2000, "student", 21));
        SurveyCounters counters = SurveyCounters.empty();
        for (int i = 0; i < 600; i++) {
            counters = counters.plus(SurveyCounters.ofResponse("parent", Map.of()));
        }
        for (int i = 0; i < 10; i++) {
            counters = counters.plus(SurveyCounters.ofResponse("student", Map.of()));
        }

        OrganizationResult result = scoring.organization(school, counters, Map.of());

        assertThat(result.coverage())
                .containsExactly(
                        new RoleCoverage("parent", 600, 2000, 600, true),
                        new RoleCoverage("student", 10, 21, 11, false));
        assertThat(result.coverage().get(1).share()).isEqualTo(BigFraction.of(10, 21));
        assertThat(result.coverage().get(1).publishedPercent()).isEqualByComparingTo("47.62");
        assertThat(result.representative()).isFalse();
    }

    @Test
    void anOrganizationReachingEveryTargetIsRepresentative() {
        Organization kindergarten = new Organization(
                "k",
                "Детский сад",
                "7707083893",
                OrganizationType.PRESCHOOL,
                "Мо",
                "Регион",
                Map.of("parent", 10, "student", 0));
        SurveyCounters counters = SurveyCounters.empty();
        for (int i = 0; i < 5; i++) {
            counters = counters.plus(SurveyCounters.ofResponse("parent", Map.of()));
        }

        OrganizationResult result = scoring.organization(kindergarten, counters, Map.of());

        assertThat(result.coverage()).extracting(RoleCoverage::role).containsExactly("parent");
        assertThat(result.representative()).isTrue();
    }

    @Test
    void theRegistryOrderIsKeptAndOrganizationsWithoutResponsesAreScoredAsEmpty() {
        OrganizationRegistry registry = new OrganizationRegistry(List.of(
                org("z", OrganizationType.GENERAL, "Мо", "Регион"),
                org("a", OrganizationType.GENERAL, "Мо", "Регион")));

        CampaignResult result = scoring.score(registry, Map.of(), Map.of());

        assertThat(result.organizations())
                .extracting(o -> o.organization().id())
                .containsExactly("z", "a");
        assertThat(result.organizations().get(0).metric("S").value()).isNull();
    }

    @Test
    void everyTerritoryMergedFromItsCellsEqualsTheMeansOverItsOrganizationsExactly() {
        java.util.Random random = new java.util.Random(21);
        OrganizationType[] types = OrganizationType.values();
        for (int round = 0; round < 50; round++) {
            List<OrganizationResult> organizations = new java.util.ArrayList<>();
            for (int i = random.nextInt(40); i >= 0; i--) {
                Organization organization = org(
                        "o" + i,
                        types[random.nextInt(types.length)],
                        "Мо-" + random.nextInt(4),
                        "Регион-" + random.nextInt(2));
                // Scores with varied denominators (n / d for d up to 97), some undefined.
                OrganizationResult result = random.nextInt(6) == 0
                        ? result(organization, (Double) null, 0)
                        : exactly(
                                organization,
                                BigFraction.of(random.nextInt(10_000), 1 + random.nextInt(97)),
                                random.nextInt(50));
                organizations.add(result);
            }
            CampaignResult rolledUp = scoring.rollUp(organizations);
            for (TerritoryResult municipality : rolledUp.municipalities()) {
                assertMeansOver(municipality, organizations);
                municipality.byType().forEach(type -> assertMeansOver(type, organizations));
            }
            for (TerritoryResult region : rolledUp.regions()) {
                assertMeansOver(region, organizations);
                region.byType().forEach(type -> assertMeansOver(type, organizations));
            }
        }
    }

    private static void assertMeansOver(TerritoryResult territory, List<OrganizationResult> organizations) {
        List<OrganizationResult> members = organizations.stream()
                .filter(o -> o.organization().region().equals(territory.region()))
                .filter(o -> territory.municipality() == null
                        || o.organization().municipality().equals(territory.municipality()))
                .filter(o -> territory.organizationType() == null
                        || o.organization().type().code().equals(territory.organizationType()))
                .toList();
        List<OrganizationResult> scored =
                members.stream().filter(o -> o.metric("S").isDefined()).toList();
        TerritoryFigure s = figure(territory, "S");
        assertThat(territory.organizations()).isEqualTo(members.size());
        assertThat(territory.responses())
                .isEqualTo(members.stream()
                        .mapToLong(o -> o.counters().responses())
                        .sum());
        assertThat(s.organizations()).isEqualTo(scored.size());
        if (scored.isEmpty()) {
            assertThat(s.mean()).isNull();
            return;
        }
        List<BigFraction> values =
                scored.stream().map(o -> o.metric("S").exact()).toList();
        assertThat(s.mean()).isEqualTo(Exact.mean(values));
        long[] weights =
                scored.stream().mapToLong(o -> o.counters().responses()).toArray();
        if (java.util.Arrays.stream(weights).sum() > 0) {
            assertThat(s.respondentWeighted()).isEqualTo(Exact.weightedMean(values, weights));
        } else {
            assertThat(s.respondentWeighted()).isNull();
        }
    }

    private static OrganizationResult exactly(Organization organization, BigFraction s, int responses) {
        OrganizationResult plain = result(organization, 0.0, responses);
        return new OrganizationResult(
                organization, plain.counters(), List.of(Metric.ok("S", "S", s, null)), null, List.of(), false);
    }

    private static OrganizationResult result(Organization organization, Double s, int responses) {
        SurveyCounters counters = SurveyCounters.empty();
        for (int i = 0; i < responses; i++) {
            counters = counters.plus(SurveyCounters.ofResponse("parent", Map.of()));
        }
        Metric metric = s == null
                ? Metric.undefined("S", "S", ru.noko.methodology.scoring.MetricStatus.NO_DATA)
                : Metric.ok("S", "S", BigFraction.from(s), null);
        return new OrganizationResult(organization, counters, List.of(metric), null, List.of(), false);
    }

    private static Organization org(String id, OrganizationType type, String municipality, String region) {
        return new Organization(
                id, "Организация " + id, "7707083893", type, municipality, region, Map.of("parent", 100));
    }

    private static TerritoryFigure figure(TerritoryResult territory, String id) {
        return territory.figures().stream()
                .filter(f -> f.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static ScoringModel model() {
        try {
            return ModelLoader.bundled("noko-education", InstrumentLoader.bundled("noko-education"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
