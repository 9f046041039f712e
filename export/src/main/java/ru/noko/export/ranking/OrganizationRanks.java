package ru.noko.export.ranking;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import ru.noko.methodology.campaign.OrganizationResult;
import ru.noko.methodology.scoring.Metric;

/**
 * The places of a campaign's organizations by their main figure, among organizations of their own type: in their
 * region and in their municipality. The export's ranking sheet and the public pages both read them here, so a school's
 * page shows the place the ministry's table gives it.
 */
public final class OrganizationRanks {

    private final Map<OrganizationResult, Integer> inRegion = new IdentityHashMap<>();
    private final Map<OrganizationResult, Integer> inMunicipality = new IdentityHashMap<>();
    private final Map<OrganizationResult, Integer> regionPeers = new IdentityHashMap<>();
    private final Map<OrganizationResult, Integer> municipalityPeers = new IdentityHashMap<>();

    private OrganizationRanks() {}

    public static OrganizationRanks of(List<OrganizationResult> all) {
        OrganizationRanks ranks = new OrganizationRanks();
        rank(all, r -> r.organization().region() + "\n" + r.organization().type(), ranks.inRegion, ranks.regionPeers);
        rank(
                all,
                r -> r.organization().region() + "\n" + r.organization().municipality() + "\n"
                        + r.organization().type(),
                ranks.inMunicipality,
                ranks.municipalityPeers);
        return ranks;
    }

    /** The place in the region among its type; null without a main figure. */
    public Integer inRegion(OrganizationResult result) {
        return inRegion.get(result);
    }

    /** The place in the municipality among its type; null without a main figure. */
    public Integer inMunicipality(OrganizationResult result) {
        return inMunicipality.get(result);
    }

    /** How many organizations of its type in its region have a place. */
    public int rankedInRegion(OrganizationResult result) {
        return regionPeers.getOrDefault(result, 0);
    }

    /** How many organizations of its type in its municipality have a place. */
    public int rankedInMunicipality(OrganizationResult result) {
        return municipalityPeers.getOrDefault(result, 0);
    }

    /** The published main figure (the model's last), which places are given by; null while it is undefined. */
    public static BigDecimal main(OrganizationResult result) {
        Metric main = result.metrics().get(result.metrics().size() - 1);
        return main.isDefined() ? main.published() : null;
    }

    private static void rank(
            List<OrganizationResult> all,
            Function<OrganizationResult, String> group,
            Map<OrganizationResult, Integer> ranks,
            Map<OrganizationResult, Integer> peers) {
        Collection<List<OrganizationResult>> groups = all.stream()
                .collect(Collectors.groupingBy(group, LinkedHashMap::new, Collectors.toList()))
                .values();
        for (List<OrganizationResult> members : groups) {
            Map<OrganizationResult, Integer> ranked = CompetitionRanks.of(members, OrganizationRanks::main);
            ranks.putAll(ranked);
            members.forEach(member -> peers.put(member, ranked.size()));
        }
    }
}
