package ru.noko.portal.selfassessment;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The forms of a campaign for those who check them, newest change first; a municipal analyst's of its municipality. */
@Repository
class SelfAssessmentList {

    /** The most rows a list shows: a region's organizations that have started their forms. */
    static final int LONGEST = 2000;

    /** One organization's form. */
    record Row(
            String organizationId,
            String name,
            String municipality,
            SelfAssessmentForms.State state,
            int versions,
            Instant updatedAt,
            int photos,
            java.time.ZoneId zone) {

        /** When it last changed, in the campaign's time zone. */
        public String updated() {
            return java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm")
                    .format(updatedAt.atZone(zone));
        }

        public String stateName() {
            return state.russianName();
        }
    }

    private final JdbcClient db;

    SelfAssessmentList(JdbcClient db) {
        this.db = db;
    }

    /** The campaign whose form changed last, of those given: what the list shows unless asked for another. */
    java.util.Optional<String> latestCampaign(List<String> campaignIds) {
        if (campaignIds.isEmpty()) {
            return java.util.Optional.empty();
        }
        return db.sql("SELECT campaign_id FROM self_assessments WHERE campaign_id = ANY(?) ORDER BY updated_at DESC "
                        + "LIMIT 1")
                .param(campaignIds.toArray(String[]::new))
                .query(String.class)
                .optional();
    }

    /** @param municipality the analyst's municipality, or null for the whole region */
    List<Row> of(String campaignId, String municipality, java.time.ZoneId zone) {
        return db.sql("SELECT f.organization_id, o.name, o.municipality, f.state, f.versions, f.updated_at, "
                        + "(SELECT count(*) FROM self_assessment_photos p WHERE p.campaign_id = f.campaign_id AND "
                        + "p.organization_id = f.organization_id) AS photos FROM self_assessments f JOIN "
                        + "organizations o ON o.id = f.organization_id WHERE f.campaign_id = ? AND (CAST(? AS TEXT) IS "
                        + "NULL OR o.municipality = ?) ORDER BY f.updated_at DESC LIMIT " + LONGEST)
                .params(campaignId, municipality, municipality)
                .query((row, number) -> new Row(
                        row.getString("organization_id"),
                        row.getString("name"),
                        row.getString("municipality"),
                        SelfAssessmentForms.State.valueOf(row.getString("state")),
                        row.getInt("versions"),
                        row.getTimestamp("updated_at").toInstant(),
                        row.getInt("photos"),
                        zone))
                .list();
    }
}
