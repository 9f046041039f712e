package ru.noko.methodology.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.commons.numbers.fraction.BigFraction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import ru.noko.methodology.instrument.InstrumentLoader;
import ru.noko.methodology.model.Coverage;
import ru.noko.methodology.model.ModelLoader;
import ru.noko.methodology.model.NokoModel;
import ru.noko.methodology.model.NokoModel.Edition;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.registry.OrganizationType;
import ru.noko.methodology.scoring.Exact;
import ru.noko.methodology.scoring.Metric;
import ru.noko.methodology.scoring.SurveyCounters;

/**
 * Every published value — indicators, criteria, S, territory means, levels — is the exact value rounded half-up,
 * checked against a reference written here from the formulas (not from the model file), over generated organizations
 * whose counts are drawn so that half-cent ties (x.xx5 exactly) are common: a share a/32 is 3.125 × a. The search
 * keeps going until every figure has landed on ties and every level boundary has been met from both sides.
 */
class PublishedValuesTest {

    private static final NokoModel MODEL = model();
    private static final int ORGANIZATIONS = 20_000;
    private static final int TIES_WANTED = 5;
    /** Points per item (20 or 30 a piece, capped at 100): whole numbers, never a tie. */
    private static final List<String> WHOLE_POINTS = List.of("1.2", "2.1", "3.1", "3.2");
    /** Denominators that make ties likely: 2^k, 5 × 2^k, 3 × 2^k. */
    private static final int[] DENOMINATORS = {1, 2, 4, 8, 16, 32, 64, 10, 20, 40, 80, 160, 24, 48, 96, 5, 25, 7, 3};

    private static final List<BigDecimal> LEVEL_MINS =
            List.of(new BigDecimal("81"), new BigDecimal("61"), new BigDecimal("41"), new BigDecimal("21"));
    private static final List<String> LEVEL_NAMES =
            List.of("отлично", "хорошо", "удовлетворительно", "ниже среднего", "неудовлетворительно");

    @ParameterizedTest
    @EnumSource(Edition.class)
    void everyOrganizationFigureIsTheExactValueRoundedHalfUpAndTiesOccurForEachOfThem(Edition edition) {
        NokoModel model = MODEL.withEdition(edition);
        Random random = new Random(edition.ordinal() + 17);
        Map<String, Integer> ties = new TreeMap<>();
        for (int o = 0; o < ORGANIZATIONS; o++) {
            Case generated = randomCase(random);
            Map<String, BigFraction> reference = Reference.score(edition, generated.counts(), generated.inputs());
            Map<String, Metric> engine = byId(model.score(generated.counters(), generated.inputs()));
            assertThat(engine.keySet()).containsExactlyInAnyOrderElementsOf(reference.keySet());
            for (Map.Entry<String, BigFraction> expected : reference.entrySet()) {
                Metric metric = engine.get(expected.getKey());
                if (expected.getValue() == null) {
                    assertThat(metric.isDefined())
                            .as(expected.getKey() + " of " + generated)
                            .isFalse();
                    continue;
                }
                assertThat(metric.exact())
                        .as(expected.getKey() + " of " + generated)
                        .isEqualTo(expected.getValue());
                assertThat(metric.published())
                        .as(expected.getKey() + " of " + generated)
                        .isEqualTo(Reference.published(expected.getValue()));
                assertThat(metric.value()).isEqualTo(expected.getValue().doubleValue());
                if (Reference.isTie(expected.getValue())) {
                    ties.merge(expected.getKey(), 1, Integer::sum);
                }
            }
            BigFraction s = reference.get("S");
            if (s != null) {
                assertThat(new CampaignScoring(model, coverage(), List.of("parent"))
                                .organization(organization("o", "Мо"), generated.counters(), generated.inputs())
                                .level())
                        .isEqualTo(Reference.level(s));
            }
        }
        for (String id : reference(edition).keySet()) {
            if (WHOLE_POINTS.contains(id)) {
                continue;
            }
            assertThat(ties.getOrDefault(id, 0))
                    .as("ties of " + id + " found in " + ORGANIZATIONS + " organizations")
                    .isGreaterThanOrEqualTo(TIES_WANTED);
        }
    }

    @ParameterizedTest
    @EnumSource(Edition.class)
    void territoryMeansOfGeneratedMunicipalitiesAreExactAndLandOnTies(Edition edition) {
        NokoModel model = MODEL.withEdition(edition);
        CampaignScoring scoring = new CampaignScoring(model, coverage(), List.of("parent"));
        Random random = new Random(edition.ordinal() + 99);
        List<OrganizationResult> pool = new ArrayList<>();
        for (int o = 0; o < 6000; o++) {
            Case generated = randomCase(random);
            pool.add(scoring.organization(organization("o-" + o, "Мо"), generated.counters(), generated.inputs()));
        }
        Map<String, Integer> ties = new TreeMap<>();
        for (int i = 0, size = 2; i + size <= pool.size(); i += size, size = 2 + i % 3) {
            List<OrganizationResult> members = pool.subList(i, i + size);
            TerritoryResult territory = municipality(scoring, members.toArray(OrganizationResult[]::new));
            for (TerritoryFigure figure : territory.figures()) {
                List<BigFraction> values = members.stream()
                        .map(m -> m.metric(figure.id()))
                        .filter(Metric::isDefined)
                        .map(Metric::exact)
                        .toList();
                if (values.isEmpty()) {
                    assertThat(figure.mean()).as(figure.id()).isNull();
                    continue;
                }
                BigFraction mean = values.stream()
                        .reduce(BigFraction.ZERO, BigFraction::add)
                        .divide(values.size());
                assertThat(figure.mean()).as(figure.id()).isEqualTo(mean);
                assertThat(Exact.published(figure.value())).as(figure.id()).isEqualTo(Reference.published(mean));
                if (Reference.isTie(mean)) {
                    ties.merge(figure.id(), 1, Integer::sum);
                }
            }
            if (territory.figures().stream().anyMatch(f -> f.id().equals("S") && f.mean() != null)) {
                assertThat(territory.level())
                        .isEqualTo(Reference.level(figure(territory, "S").mean()));
            }
        }
        for (String id : List.of("1.1", "1.3", "2.3", "3.3", "4.1", "4.3", "5.3", "K1", "K2", "K3", "K4", "K5", "S")) {
            assertThat(ties.getOrDefault(id, 0))
                    .as("territory means of " + id + " on a tie")
                    .isGreaterThanOrEqualTo(3);
        }
    }

    /**
     * At every band's lower bound: a score exactly on it, half a cent below it (a tie, published as the bound) and a
     * hair below that (published a cent lower, in the band underneath), for an organization and for the mean of a
     * municipality of two.
     */
    @ParameterizedTest
    @EnumSource(Edition.class)
    void levelsFollowThePublishedValueAtEveryBoundary(Edition edition) {
        NokoModel model = MODEL.withEdition(edition);
        CampaignScoring scoring = new CampaignScoring(model, coverage(), List.of("parent"));
        BigFraction halfCent = BigFraction.of(1, 200);
        BigFraction spread = BigFraction.of(1, 2);
        for (int i = 0; i < LEVEL_MINS.size(); i++) {
            BigFraction bound = Exact.of(LEVEL_MINS.get(i));
            String band = LEVEL_NAMES.get(i);
            String below = LEVEL_NAMES.get(i + 1);
            BigFraction tie = bound.subtract(halfCent);

            assertLevel(scoring, bound, bound, band, LEVEL_MINS.get(i).setScale(2));
            assertLevel(scoring, tie, tie, band, LEVEL_MINS.get(i).setScale(2));
            OrganizationResult hairBelow = withScoreJustBelow(scoring, tie);
            assertThat(hairBelow.level()).isEqualTo(below);
            assertThat(hairBelow.metric("S").published())
                    .isEqualTo(LEVEL_MINS.get(i).subtract(new BigDecimal("0.01")));

            for (BigFraction mean : List.of(bound, tie)) {
                TerritoryResult pair = municipality(
                        scoring, withScore(scoring, mean.add(spread)), withScore(scoring, mean.subtract(spread)));
                assertThat(figure(pair, "S").mean()).isEqualTo(mean);
                assertThat(pair.level()).as("mean " + mean).isEqualTo(band);
            }
            TerritoryResult pairBelow = municipality(
                    scoring, withScoreJustBelow(scoring, tie.add(spread)), withScore(scoring, tie.subtract(spread)));
            assertThat(figure(pairBelow, "S").mean()).isLessThan(tie);
            assertThat(pairBelow.level()).isEqualTo(below);
        }
    }

    private static void assertLevel(
            CampaignScoring scoring, BigFraction score, BigFraction expected, String level, BigDecimal published) {
        OrganizationResult result = withScore(scoring, score);
        assertThat(result.metric("S").exact()).isEqualTo(expected);
        assertThat(result.metric("S").published()).isEqualTo(published);
        assertThat(result.level()).as("S = " + score).isEqualTo(level);
    }

    /**
     * An organization whose every survey share is p = 100a/n and whose checklist is all there (E = 100) or all missing
     * (E = 0): S = 0.36 E + 0.64 p in both editions. With n = 12,800, S = 0.36 E + a/200 reaches every half cent.
     */
    private static OrganizationResult withScore(CampaignScoring scoring, BigFraction score) {
        boolean complete = score.compareTo(BigFraction.of(64)) > 0;
        BigFraction a = score.subtract(complete ? 36 : 0).multiply(200);
        assertThat(a.getDenominator()).isEqualTo(BigInteger.ONE);
        return dialled(scoring, complete, a.longValue(), 12_800);
    }

    /** An organization whose S is below {@code score} by less than a hundred-thousandth. */
    private static OrganizationResult withScoreJustBelow(CampaignScoring scoring, BigFraction score) {
        boolean complete = score.compareTo(BigFraction.of(64)) > 0;
        // Steps of 64/n: a millionth.
        long n = 64_000_003;
        // The largest a with 64a/n < score − base.
        BigFraction a = score.subtract(complete ? 36 : 0).multiply(n).divide(64);
        long largest = a.getDenominator().equals(BigInteger.ONE) ? a.longValue() - 1 : a.longValue();
        OrganizationResult result = dialled(scoring, complete, largest, n);
        assertThat(score.subtract(result.metric("S").exact()))
                .isGreaterThan(BigFraction.ZERO)
                .isLessThan(BigFraction.of(1, 100_000));
        return result;
    }

    private static OrganizationResult dialled(CampaignScoring scoring, boolean complete, long a, long n) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String id : MODEL.counterIds()) {
            boolean filter = List.of("respondents", "standUsers", "siteUsers", "disabled", "remoteUsers")
                    .contains(id);
            counts.put(id, filter ? n : a);
        }
        int items = complete ? 10 : 0;
        Map<String, Integer> inputs = Map.of(
                "standItemsRequired",
                10,
                "standItems",
                items,
                "siteItemsRequired",
                10,
                "siteItems",
                items,
                "remoteChannels",
                complete ? 4 : 0,
                "comfortConditions",
                complete ? 5 : 0,
                "accessibleEquipment",
                complete ? 5 : 0,
                "accessibleServices",
                complete ? 5 : 0);
        return scoring.organization(organization("dialled", "Мо"), new Case(counts, inputs).counters(), inputs);
    }

    /** One organization: its counts (per the model's count ids) and a full self-assessment. */
    private record Case(Map<String, Long> counts, Map<String, Integer> inputs) {
        SurveyCounters counters() {
            return SurveyCounters.of(counts.get("respondents"), Map.of("parent", counts.get("respondents")), counts);
        }
    }

    /** Counts consistent with the skip logic, drawn from tie-friendly denominators; sometimes a filter nobody opened. */
    private static Case randomCase(Random random) {
        long n = pick(random);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("respondents", n);
        long standUsers = random.nextInt(8) == 0 ? 0 : Math.min(n, pick(random));
        long siteUsers = random.nextInt(8) == 0 ? 0 : Math.min(n, pick(random));
        long disabled = random.nextInt(4) == 0 ? 0 : Math.min(n, pick(random));
        long remoteUsers = random.nextInt(6) == 0 ? 0 : Math.min(n, pick(random));
        counts.put("standUsers", standUsers);
        counts.put("standSatisfied", upTo(random, standUsers));
        counts.put("siteUsers", siteUsers);
        counts.put("siteSatisfied", upTo(random, siteUsers));
        counts.put("comfortSatisfied", upTo(random, n));
        counts.put("disabled", disabled);
        counts.put("accessSatisfied", upTo(random, disabled));
        counts.put("firstContactPolite", upTo(random, n));
        counts.put("servicePolite", upTo(random, n));
        counts.put("remoteUsers", remoteUsers);
        counts.put("remotePolite", upTo(random, remoteUsers));
        counts.put("wouldRecommend", upTo(random, n));
        counts.put("organizationSatisfied", upTo(random, n));
        counts.put("overallSatisfied", upTo(random, n));
        int standRequired = (int) pick(random);
        int siteRequired = (int) pick(random);
        Map<String, Integer> inputs = Map.of(
                "standItemsRequired",
                standRequired,
                "standItems",
                (int) upTo(random, standRequired),
                "siteItemsRequired",
                siteRequired,
                "siteItems",
                (int) upTo(random, siteRequired),
                "remoteChannels",
                random.nextInt(7),
                "comfortConditions",
                random.nextInt(6),
                "accessibleEquipment",
                random.nextInt(6),
                "accessibleServices",
                random.nextInt(7));
        return new Case(counts, inputs);
    }

    private static long pick(Random random) {
        return DENOMINATORS[random.nextInt(DENOMINATORS.length)] * (random.nextInt(4) == 0 ? 3L : 1L);
    }

    private static long upTo(Random random, long bound) {
        return bound == 0 ? 0 : random.nextLong(bound + 1);
    }

    /** The figures of the НОКО model written out from the formulas, independently of the model file. */
    static final class Reference {

        static Map<String, BigFraction> score(Edition edition, Map<String, Long> c, Map<String, Integer> in) {
            Map<String, BigFraction> v = new LinkedHashMap<>();
            v.put(
                    "1.1",
                    ratio(in.get("standItems"), in.get("standItemsRequired"))
                            .add(ratio(in.get("siteItems"), in.get("siteItemsRequired")))
                            .multiply(50));
            v.put("1.2", BigFraction.of(Math.min(30 * in.get("remoteChannels"), 100)));
            if (edition == Edition.A) {
                v.put("1.3", share(c.get("standSatisfied") + c.get("siteSatisfied"), 2 * c.get("respondents")));
            } else {
                BigFraction stand = share(c.get("standSatisfied"), c.get("standUsers"));
                BigFraction site = share(c.get("siteSatisfied"), c.get("siteUsers"));
                v.put(
                        "1.3",
                        stand == null
                                ? site
                                : site == null ? stand : stand.add(site).divide(2));
            }
            v.put("2.1", BigFraction.of(Math.min(20 * in.get("comfortConditions"), 100)));
            v.put("2.3", share(c.get("comfortSatisfied"), c.get("respondents")));
            v.put("3.1", BigFraction.of(Math.min(20 * in.get("accessibleEquipment"), 100)));
            v.put("3.2", BigFraction.of(Math.min(20 * in.get("accessibleServices"), 100)));
            v.put("3.3", share(c.get("accessSatisfied"), c.get("disabled")));
            v.put("4.1", share(c.get("firstContactPolite"), c.get("respondents")));
            v.put("4.2", share(c.get("servicePolite"), c.get("respondents")));
            v.put(
                    "4.3",
                    share(c.get("remotePolite"), edition == Edition.A ? c.get("respondents") : c.get("remoteUsers")));
            v.put("5.1", share(c.get("wouldRecommend"), c.get("respondents")));
            v.put("5.2", share(c.get("organizationSatisfied"), c.get("respondents")));
            v.put("5.3", share(c.get("overallSatisfied"), c.get("respondents")));
            v.put("K1", weighted(v, "1.1", 3, "1.2", 3, "1.3", 4));
            v.put("K2", weighted(v, "2.1", 5, "2.3", 5));
            v.put("K3", weighted(v, "3.1", 3, "3.2", 4, "3.3", 3));
            v.put("K4", weighted(v, "4.1", 4, "4.2", 4, "4.3", 2));
            v.put("K5", weighted(v, "5.1", 3, "5.2", 2, "5.3", 5));
            List<BigFraction> criteria = Arrays.asList(v.get("K1"), v.get("K2"), v.get("K3"), v.get("K4"), v.get("K5"));
            v.put(
                    "S",
                    criteria.contains(null)
                            ? null
                            : criteria.stream()
                                    .reduce(BigFraction.ZERO, BigFraction::add)
                                    .divide(5));
            return v;
        }

        /** Weights in tenths, rescaled over the defined indicators; null when none is defined. */
        private static BigFraction weighted(Map<String, BigFraction> v, Object... idsAndTenths) {
            BigFraction sum = BigFraction.ZERO;
            long tenths = 0;
            for (int i = 0; i < idsAndTenths.length; i += 2) {
                BigFraction value = v.get((String) idsAndTenths[i]);
                if (value != null) {
                    sum = sum.add(value.multiply((Integer) idsAndTenths[i + 1]));
                    tenths += (Integer) idsAndTenths[i + 1];
                }
            }
            return tenths == 0 ? null : sum.divide(tenths);
        }

        private static BigFraction ratio(int present, int required) {
            return BigFraction.of(present, required);
        }

        private static BigFraction share(long numerator, long denominator) {
            return denominator == 0 ? null : BigFraction.of(100 * numerator, denominator);
        }

        /** Half-up to cents in integers: floor((200 × p + q) / (2q)) for a value p/q ≥ 0. */
        static BigDecimal published(BigFraction value) {
            BigInteger p = value.getNumerator();
            BigInteger q = value.getDenominator();
            BigInteger cents = p.multiply(BigInteger.valueOf(200)).add(q).divide(q.multiply(BigInteger.TWO));
            return new BigDecimal(cents, 2);
        }

        /** Exactly half a cent above a cent: 100 × value has the fractional part 1/2. */
        static boolean isTie(BigFraction value) {
            BigFraction cents = value.multiply(100);
            return cents.getDenominator().equals(BigInteger.TWO);
        }

        static String level(BigFraction value) {
            BigDecimal published = published(value);
            for (int i = 0; i < LEVEL_MINS.size(); i++) {
                if (published.compareTo(LEVEL_MINS.get(i)) >= 0) {
                    return LEVEL_NAMES.get(i);
                }
            }
            return LEVEL_NAMES.get(LEVEL_NAMES.size() - 1);
        }
    }

    private static Map<String, BigFraction> reference(Edition edition) {
        Map<String, Long> zero = new HashMap<>();
        MODEL.counterIds().forEach(id -> zero.put(id, 1L));
        return Reference.score(
                edition,
                zero,
                Map.of(
                        "standItemsRequired",
                        1,
                        "standItems",
                        1,
                        "siteItemsRequired",
                        1,
                        "siteItems",
                        1,
                        "remoteChannels",
                        1,
                        "comfortConditions",
                        1,
                        "accessibleEquipment",
                        1,
                        "accessibleServices",
                        1));
    }

    /**
     * The case that showed the problem: stands 3 of 16, site 9 of 20, so 1.1 = 50 × 51/80 = 255/8 = 31.875 exactly.
     * Computed in binary floating point it comes out as 31.874999…, which rounds to 31.87.
     */
    @Test
    void aHalfCentTieIsRoundedUpFromTheExactValue() {
        Map<String, Integer> inputs = Map.of(
                "standItemsRequired",
                16,
                "standItems",
                3,
                "siteItemsRequired",
                20,
                "siteItems",
                9,
                "remoteChannels",
                3,
                "comfortConditions",
                4,
                "accessibleEquipment",
                2,
                "accessibleServices",
                3);
        Metric indicator = byId(MODEL.score(SurveyCounters.empty(), inputs)).get("1.1");

        assertThat(indicator.exact()).isEqualTo(BigFraction.of(255, 8));
        assertThat(indicator.published()).isEqualByComparingTo("31.88");
        double inFloatingPoint = (3.0 / 16 + 9.0 / 20) / 2 * 100;
        assertThat(new BigDecimal(Double.toString(inFloatingPoint)).setScale(2, RoundingMode.HALF_UP))
                .isEqualByComparingTo("31.87");
    }

    private static TerritoryResult municipality(CampaignScoring scoring, OrganizationResult... members) {
        List<OrganizationResult> renamed = new ArrayList<>();
        for (int i = 0; i < members.length; i++) {
            OrganizationResult m = members[i];
            renamed.add(new OrganizationResult(
                    organization("m-" + i, "Мо"),
                    m.counters(),
                    m.metrics(),
                    m.level(),
                    m.coverage(),
                    m.representative()));
        }
        return scoring.rollUp(renamed).municipalities().get(0);
    }

    private static TerritoryFigure figure(TerritoryResult territory, String id) {
        return territory.figures().stream()
                .filter(f -> f.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, Metric> byId(List<Metric> metrics) {
        Map<String, Metric> byId = new LinkedHashMap<>();
        metrics.forEach(metric -> byId.put(metric.id(), metric));
        return byId;
    }

    private static Organization organization(String id, String municipality) {
        return new Organization(
                id, id, "7707083893", OrganizationType.GENERAL, municipality, "Регион", Map.of("parent", 100));
    }

    private static Coverage coverage() {
        return new Coverage(new BigDecimal("0.5"), 600);
    }

    private static NokoModel model() {
        try {
            return (NokoModel) ModelLoader.bundled("noko-education", InstrumentLoader.bundled("noko-education"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
