package ru.noko.publication.figures;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import ru.noko.export.ranking.CompetitionRanks;
import ru.noko.export.ranking.ExportContext;
import ru.noko.export.ranking.OrganizationRanks;
import ru.noko.export.ranking.RankingWorkbook;
import ru.noko.methodology.campaign.CampaignResult;
import ru.noko.methodology.campaign.OrganizationResult;
import ru.noko.methodology.campaign.TerritoryResult;
import ru.noko.methodology.scoring.Metric;

/**
 * A campaign's published results, built from the export's context (the same figures, ranks and means as the
 * ministry's file at the same cut-off) and the previous campaign's results, for the change.
 *
 * @param figureIds the summary figures every table shows (К1–К5 and S of a НОКО model), the main one last
 * @param figureNames their names, by id
 * @param previousCampaign the id of the campaign the change is against; empty for none
 * @param regions each region with its municipalities' organizations; organizations sorted by name
 * @param municipalities every municipality, by region and name
 */
public record PublicResults(
        String campaignId,
        String title,
        Instant cutOff,
        String previousCampaign,
        List<String> figureIds,
        Map<String, String> figureNames,
        List<PublicTerritory> regions,
        List<PublicTerritory> municipalities,
        List<PublicOrganization> organizations) {

    /**
     * @param previous the previous campaign's results (its own figures), or null
     */
    public static PublicResults of(ExportContext context, String previousCampaign, CampaignResult previous) {
        CampaignResult result = context.result();
        List<String> ids = RankingWorkbook.figureIds(context);
        Map<String, String> names = new LinkedHashMap<>();
        for (OrganizationResult organization : result.organizations()) {
            organization.metrics().forEach(metric -> names.putIfAbsent(metric.id(), metric.name()));
        }
        ids.forEach(id -> names.putIfAbsent(id, id));

        Map<String, TerritoryResult> byType = new HashMap<>();
        for (TerritoryResult municipality : result.municipalities()) {
            municipality.byType().forEach(t -> byType.put(key(t.region(), t.municipality(), t.organizationType()), t));
        }
        for (TerritoryResult region : result.regions()) {
            region.byType().forEach(t -> byType.put(key(t.region(), null, t.organizationType()), t));
        }
        Map<String, OrganizationResult> before = new HashMap<>();
        if (previous != null) {
            previous.organizations().forEach(r -> before.put(r.organization().id(), r));
        }

        OrganizationRanks ranks = OrganizationRanks.of(result.organizations());
        List<PublicOrganization> organizations = new ArrayList<>();
        for (OrganizationResult r : result.organizations()) {
            var o = r.organization();
            TerritoryResult municipal =
                    byType.get(key(o.region(), o.municipality(), o.type().code()));
            TerritoryResult regional = byType.get(key(o.region(), null, o.type().code()));
            OrganizationResult last = before.get(o.id());
            List<PublicFigure> figures = new ArrayList<>();
            for (String id : ids) {
                BigDecimal value = RankingWorkbook.published(r, id);
                BigDecimal then = last == null ? null : RankingWorkbook.published(last, id);
                figures.add(new PublicFigure(
                        id,
                        names.get(id),
                        value,
                        municipal == null ? null : RankingWorkbook.figure(municipal, id),
                        regional == null ? null : RankingWorkbook.figure(regional, id),
                        then,
                        value == null || then == null ? null : value.subtract(then)));
            }
            List<PublicIndicator> indicators = new ArrayList<>();
            for (Metric metric : r.metrics()) {
                boolean counted = !metric.parts().isEmpty();
                indicators.add(new PublicIndicator(
                        metric.id(),
                        metric.name(),
                        metric.isDefined() ? metric.published() : null,
                        counted ? metric.numerator() : null,
                        counted && metric.denominator() > 0 ? metric.denominator() : null,
                        switch (metric.status()) {
                            case OK -> "";
                            case NO_DATA -> "нет данных";
                            case MISSING_INPUT -> "нет самооценки";
                        }));
            }
            organizations.add(new PublicOrganization(
                    o,
                    slug(o.region(), o.municipality()),
                    OrganizationRanks.main(r),
                    r.level() == null ? "" : r.level(),
                    List.copyOf(figures),
                    List.copyOf(indicators),
                    ranks.inMunicipality(r),
                    ranks.rankedInMunicipality(r),
                    ranks.inRegion(r),
                    ranks.rankedInRegion(r),
                    r.counters().responses(),
                    RankingWorkbook.contingentShare(r.coverage()),
                    r.representative()));
        }
        organizations.sort(
                Comparator.comparing((PublicOrganization p) -> p.organization().name())
                        .thenComparing(PublicOrganization::id));

        String main = context.campaign().model().mainMetric();
        Map<TerritoryResult, Integer> municipalRanks = new java.util.IdentityHashMap<>();
        result.municipalities().stream()
                .collect(java.util.stream.Collectors.groupingBy(TerritoryResult::region))
                .values()
                .forEach(peers ->
                        municipalRanks.putAll(CompetitionRanks.of(peers, t -> RankingWorkbook.figure(t, main))));
        List<PublicTerritory> municipalities = new ArrayList<>();
        for (TerritoryResult m : result.municipalities()) {
            municipalities.add(territory(
                    m,
                    slug(m.region(), m.municipality()),
                    ids,
                    municipalRanks.get(m),
                    organizations.stream()
                            .filter(p -> p.organization().region().equals(m.region())
                                    && p.organization().municipality().equals(m.municipality()))
                            .toList()));
        }
        municipalities.sort(Comparator.comparing(PublicTerritory::region).thenComparing(PublicTerritory::municipality));
        List<PublicTerritory> regions = new ArrayList<>();
        for (TerritoryResult region : result.regions()) {
            regions.add(territory(
                    region,
                    "",
                    ids,
                    null,
                    organizations.stream()
                            .filter(p -> p.organization().region().equals(region.region()))
                            .toList()));
        }
        var definition = context.campaign().definition();
        return new PublicResults(
                definition.id(),
                definition.title() == null || definition.title().isBlank() ? definition.id() : definition.title(),
                context.cutOff(),
                previous == null ? "" : Objects.requireNonNullElse(previousCampaign, ""),
                List.copyOf(ids),
                Map.copyOf(names),
                List.copyOf(regions),
                List.copyOf(municipalities),
                List.copyOf(organizations));
    }

    /** The main figure's id (S of a НОКО model): the last of {@link #figureIds}. */
    public String mainFigure() {
        return figureIds.get(figureIds.size() - 1);
    }

    public PublicOrganization organization(String id) {
        return organizations.stream().filter(o -> o.id().equals(id)).findFirst().orElse(null);
    }

    /**
     * A municipality's page name: its name is free text in the registry (Cyrillic, spaces, quotes), so the page is
     * named by a hash of its region and name instead; the same municipality keeps the same address every campaign.
     */
    public static String slug(String region, String municipality) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((region + "\n" + municipality).getBytes(StandardCharsets.UTF_8));
            return "m" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicTerritory territory(
            TerritoryResult t, String slug, List<String> ids, Integer rank, List<PublicOrganization> members) {
        Map<String, BigDecimal> figures = new LinkedHashMap<>();
        for (String id : ids) {
            BigDecimal value = RankingWorkbook.figure(t, id);
            if (value != null) {
                figures.put(id, value);
            }
        }
        return new PublicTerritory(
                slug,
                t.region(),
                t.municipality(),
                figures,
                t.level() == null ? "" : t.level(),
                t.organizations(),
                t.scored(),
                t.responses(),
                RankingWorkbook.contingentShare(t.coverage()),
                rank,
                members);
    }

    private static String key(String region, String municipality, String type) {
        return region + "\n" + municipality + "\n" + type;
    }
}
