package ru.noko.portal.selfassessment;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The photos of self-assessments as PostgreSQL knows them: which form and item each belongs to, and the keys its
 * file and thumbnail are stored under. A photo's id is 128 random bits: it appears in URLs, and the routes that serve
 * it still check who asks.
 */
@Repository
public class SelfAssessmentPhotos {

    /** One photo of an item. */
    public record StoredPhoto(
            String id,
            String campaignId,
            String organizationId,
            String itemId,
            String photoKey,
            String thumbnailKey,
            String mediaType,
            int width,
            int height) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient db;

    SelfAssessmentPhotos(JdbcClient db) {
        this.db = db;
    }

    static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    void add(StoredPhoto photo, String by) {
        db.sql(
                        "INSERT INTO self_assessment_photos (id, campaign_id, organization_id, item_id, photo_key, "
                                + "thumbnail_key, media_type, width, height, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        photo.id(),
                        photo.campaignId(),
                        photo.organizationId(),
                        photo.itemId(),
                        photo.photoKey(),
                        photo.thumbnailKey(),
                        photo.mediaType(),
                        photo.width(),
                        photo.height(),
                        by)
                .update();
    }

    public Optional<StoredPhoto> find(String id) {
        return db.sql("SELECT * FROM self_assessment_photos WHERE id = ?")
                .param(id)
                .query(StoredPhoto.class)
                .optional();
    }

    /** The form's photos, in the order they were added. */
    public List<StoredPhoto> of(String campaignId, String organizationId) {
        return db.sql("SELECT * FROM self_assessment_photos WHERE campaign_id = ? AND organization_id = ? "
                        + "ORDER BY uploaded_at, id")
                .params(campaignId, organizationId)
                .query(StoredPhoto.class)
                .list();
    }

    /** item id → its photos, in the order they were added. */
    public Map<String, List<StoredPhoto>> byItem(String campaignId, String organizationId) {
        return of(campaignId, organizationId).stream()
                .collect(Collectors.groupingBy(StoredPhoto::itemId, java.util.LinkedHashMap::new, Collectors.toList()));
    }

    int countOf(String campaignId, String organizationId, String itemId) {
        return db.sql("SELECT count(*) FROM self_assessment_photos WHERE campaign_id = ? AND organization_id = ? "
                        + "AND item_id = ?")
                .params(campaignId, organizationId, itemId)
                .query(Integer.class)
                .single();
    }

    boolean remove(String id) {
        return db.sql("DELETE FROM self_assessment_photos WHERE id = ?")
                        .param(id)
                        .update()
                == 1;
    }
}
