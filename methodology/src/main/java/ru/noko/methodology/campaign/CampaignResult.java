package ru.noko.methodology.campaign;

import java.util.List;

/** A campaign's results at every level, organizations in registry order, territories sorted by name. */
public record CampaignResult(
        List<OrganizationResult> organizations, List<TerritoryResult> municipalities, List<TerritoryResult> regions) {}
