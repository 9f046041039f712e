package ru.noko.publication.figures;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A municipality or a region as the public pages list it: its figures over all types, as the export's territory
 * sheets have them, and the organizations in it.
 *
 * @param slug the page's stable name (a municipality's; empty for a region)
 * @param figures by figure id, as published; a figure no organization has is absent
 * @param rank a municipality's place in its region by the main figure, over all types; null for a region or without one
 */
public record PublicTerritory(
        String slug,
        String region,
        String municipality,
        Map<String, BigDecimal> figures,
        String level,
        int organizations,
        int scored,
        long respondents,
        BigDecimal coverageShare,
        Integer rank,
        List<PublicOrganization> members) {

    public BigDecimal figure(String id) {
        return figures.get(id);
    }

    public String name() {
        return municipality == null ? region : municipality;
    }
}
