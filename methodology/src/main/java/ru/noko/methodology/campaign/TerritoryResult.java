package ru.noko.methodology.campaign;

import java.util.List;

/**
 * A municipality or a region (or one organization type within it).
 *
 * @param region region name
 * @param municipality municipality name, null for a region
 * @param organizationType type code, null for all types together
 * @param organizations organizations in the registry
 * @param scored organizations whose main figure is defined
 * @param representative organizations whose every role reached its coverage target
 * @param level display level of the mean main figure
 * @param coverage responses against the contingent per role, summed over organizations
 * @param byType the same figures per organization type (empty inside a by-type result)
 */
public record TerritoryResult(
        String region,
        String municipality,
        String organizationType,
        int organizations,
        int scored,
        int representative,
        long responses,
        List<TerritoryFigure> figures,
        String level,
        List<RoleCoverage> coverage,
        List<TerritoryResult> byType) {}
