package ru.noko.pipeline.results;

import ru.noko.methodology.campaign.RoleCoverage;

/** Coverage rows from the engine's {@link RoleCoverage}, for organizations and territories alike. */
final class CoverageRows {

    private CoverageRows() {}

    static CoverageRow of(String campaignId, RoleCoverage role, String level, long version) {
        CoverageRow row = new CoverageRow();
        row.campaignId = campaignId;
        row.role = role.role();
        row.responses = role.responses();
        row.contingent = role.contingent();
        row.required = role.required();
        row.share = role.share() == null ? 0 : role.share().doubleValue();
        row.met = role.met();
        row.level = level == null ? "" : level;
        row.version = version;
        return row;
    }
}
