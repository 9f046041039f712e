package ru.noko.portal.organization;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import ru.noko.portal.system.ClickHouseSettings;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/**
 * What the figures say of one organization in one campaign, read from ClickHouse: coverage per respondent role
 * against its target (the live job's {@code organization_coverage}), and rejected responses by reason (counts only,
 * never which response). Kept for a few seconds, so a page many people reload costs ClickHouse one query.
 */
@Component
public class SurveyFigures {

    private static final Logger log = LoggerFactory.getLogger(SurveyFigures.class);
    static final Duration FRESH = Duration.ofSeconds(5);

    /** One respondent role's coverage: responses counted against the contingent and the number required. */
    public record RoleCoverage(String role, long responses, long contingent, long required, double share, boolean met) {
        public int percent() {
            return (int) Math.round(share * 100);
        }
    }

    /** Rejected responses of one reason. */
    public record Rejections(String reason, long count) {
        public String title() {
            return REASONS.getOrDefault(reason, reason);
        }
    }

    /** The figures, or none when ClickHouse did not answer. */
    public record Figures(List<RoleCoverage> coverage, List<Rejections> rejections, boolean available) {}

    private static final Map<String, String> REASONS = Map.of(
            "TOO_FAST", "анкета заполнена слишком быстро",
            "DUPLICATE_EMAIL", "повторный ответ с того же адреса электронной почты",
            "DUPLICATE_DEVICE", "повторный ответ с того же устройства",
            "IP_LIMIT_ORGANIZATION", "слишком много ответов с одного IP-адреса для организации",
            "IP_LIMIT_ALL_ORGANIZATIONS", "слишком много ответов с одного IP-адреса для всех организаций",
            "IDEMPOTENCY_CONFLICT", "повторная отправка одной анкеты с другими ответами");

    private final ClickHouseTarget clickHouse;
    private final Cache<String, Figures> fresh =
            Caffeine.newBuilder().expireAfterWrite(FRESH).maximumSize(100_000).build();

    SurveyFigures(ClickHouseSettings settings) {
        this.clickHouse = settings.target();
    }

    public Figures of(String campaignId, String organizationId) {
        return fresh.get(campaignId + "|" + organizationId, key -> read(campaignId, organizationId));
    }

    private Figures read(String campaignId, String organizationId) {
        try (Connection connection = clickHouse.connect()) {
            return new Figures(
                    coverage(connection, campaignId, organizationId),
                    rejections(connection, campaignId, organizationId),
                    true);
        } catch (SQLException | RuntimeException e) {
            log.warn(
                    "ClickHouse did not answer for the figures of an organization: {}",
                    e.getClass().getSimpleName());
            return new Figures(List.of(), List.of(), false);
        }
    }

    private static List<RoleCoverage> coverage(Connection connection, String campaignId, String organizationId)
            throws SQLException {
        List<RoleCoverage> coverage = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT role, responses, contingent, required, "
                + "share, met FROM organization_coverage FINAL WHERE campaign_id = ? AND organization_id = ? "
                + "ORDER BY role")) {
            query.setString(1, campaignId);
            query.setString(2, organizationId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    coverage.add(new RoleCoverage(
                            rows.getString(1),
                            rows.getLong(2),
                            rows.getLong(3),
                            rows.getLong(4),
                            rows.getDouble(5),
                            rows.getInt(6) == 1));
                }
            }
        }
        return coverage;
    }

    private static List<Rejections> rejections(Connection connection, String campaignId, String organizationId)
            throws SQLException {
        List<Rejections> rejections = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT reason, count() FROM (SELECT "
                        + "arrayJoin(splitByChar(',', rejections)) AS reason FROM response_verdicts FINAL WHERE campaign_id = ? "
                        + "AND organization_id = ? AND verdict = 'rejected') WHERE reason != '' GROUP BY reason ORDER BY reason")) {
            query.setString(1, campaignId);
            query.setString(2, organizationId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    rejections.add(new Rejections(rows.getString(1), rows.getLong(2)));
                }
            }
        }
        return rejections;
    }

    /** For tests that need the figures as ClickHouse has them now. */
    void forget() {
        fresh.invalidateAll();
    }
}
