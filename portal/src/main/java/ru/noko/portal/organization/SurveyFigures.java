package ru.noko.portal.organization;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import ru.noko.portal.system.ClickHouseSettings;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/**
 * What the figures say of one organization in its open campaigns, read from ClickHouse: coverage per respondent role
 * against its target (the live job's {@code organization_coverage}), rejected responses by reason (counts only, never
 * which response), and its indicators, criteria and score ({@code organization_results}), the self-assessment's among
 * them. All its campaigns in one connection and three queries. Kept: a page asks again after
 * {@link #FRESH} and is answered at once with what is kept while the new figures are read behind it, so a page many
 * people reload costs ClickHouse one read every few seconds and nobody waits for it but the first visitor.
 */
@Component
public class SurveyFigures {

    private static final Logger log = LoggerFactory.getLogger(SurveyFigures.class);
    static final Duration FRESH = Duration.ofSeconds(5);
    /** Figures nobody asked for in this long are dropped rather than refreshed. */
    static final Duration KEPT = Duration.ofMinutes(2);

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

    /** One indicator, criterion or the score as published (two decimals), or why it has no value yet. */
    public record Metric(String id, String name, double published, String status) {
        public String shown() {
            return switch (status) {
                case "OK" ->
                    String.format(java.util.Locale.ROOT, "%.2f", published).replace('.', ',');
                case "MISSING_INPUT" -> "ждёт самообследования";
                case "NO_DATA" -> "нет данных";
                default -> status;
            };
        }
    }

    /** The figures, or none when ClickHouse did not answer. */
    public record Figures(
            List<RoleCoverage> coverage, List<Rejections> rejections, List<Metric> metrics, boolean available) {}

    private static final Map<String, String> REASONS = Map.of(
            "TOO_FAST", "анкета заполнена слишком быстро",
            "DUPLICATE_EMAIL", "повторный ответ с того же адреса электронной почты",
            "DUPLICATE_DEVICE", "повторный ответ с того же устройства",
            "IP_LIMIT_ORGANIZATION", "слишком много ответов с одного IP-адреса для организации",
            "IP_LIMIT_ALL_ORGANIZATIONS", "слишком много ответов с одного IP-адреса для всех организаций",
            "IDEMPOTENCY_CONFLICT", "повторная отправка одной анкеты с другими ответами");

    /** An organization and the campaigns its page shows: a campaign opened since makes another key, read at once. */
    private record Key(String organizationId, List<String> campaignIds) {}

    private final ClickHouseTarget clickHouse;
    private final LoadingCache<Key, Map<String, Figures>> kept = Caffeine.newBuilder()
            .refreshAfterWrite(FRESH)
            .expireAfterAccess(KEPT)
            .maximumSize(100_000)
            .build(this::read);

    SurveyFigures(ClickHouseSettings settings) {
        this.clickHouse = settings.target();
    }

    /** The figures of each of the campaigns, by campaign id (in the order given). */
    public Map<String, Figures> of(List<String> campaignIds, String organizationId) {
        if (campaignIds.isEmpty()) {
            return Map.of();
        }
        return kept.get(new Key(organizationId, List.copyOf(campaignIds)));
    }

    private Map<String, Figures> read(Key key) {
        Map<String, List<RoleCoverage>> coverage = new HashMap<>();
        Map<String, List<Rejections>> rejections = new HashMap<>();
        Map<String, List<Metric>> metrics = new HashMap<>();
        boolean available;
        try (Connection connection = clickHouse.connect()) {
            coverage(connection, key, coverage);
            rejections(connection, key, rejections);
            metrics(connection, key, metrics);
            available = true;
        } catch (SQLException | RuntimeException e) {
            log.warn(
                    "ClickHouse did not answer for the figures of an organization: {}",
                    e.getClass().getSimpleName());
            available = false;
        }
        Map<String, Figures> figures = new LinkedHashMap<>();
        for (String campaignId : key.campaignIds()) {
            figures.put(
                    campaignId,
                    new Figures(
                            coverage.getOrDefault(campaignId, List.of()),
                            rejections.getOrDefault(campaignId, List.of()),
                            metrics.getOrDefault(campaignId, List.of()),
                            available));
        }
        return figures;
    }

    /** {@code campaign_id IN (?, ?, …)} for the key's campaigns, with the organization's parameter first. */
    private static String campaigns(Key key) {
        return "campaign_id IN ("
                + String.join(
                        ", ", java.util.Collections.nCopies(key.campaignIds().size(), "?")) + ")";
    }

    private static void bind(PreparedStatement query, Key key) throws SQLException {
        query.setString(1, key.organizationId());
        for (int i = 0; i < key.campaignIds().size(); i++) {
            query.setString(i + 2, key.campaignIds().get(i));
        }
    }

    private static void coverage(Connection connection, Key key, Map<String, List<RoleCoverage>> coverage)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT campaign_id, role, responses, contingent, "
                + "required, share, met FROM organization_coverage FINAL WHERE organization_id = ? AND "
                + campaigns(key) + " ORDER BY campaign_id, role")) {
            bind(query, key);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    coverage.computeIfAbsent(rows.getString(1), campaign -> new ArrayList<>())
                            .add(new RoleCoverage(
                                    rows.getString(2),
                                    rows.getLong(3),
                                    rows.getLong(4),
                                    rows.getLong(5),
                                    rows.getDouble(6),
                                    rows.getInt(7) == 1));
                }
            }
        }
    }

    private static void rejections(Connection connection, Key key, Map<String, List<Rejections>> rejections)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT campaign_id, reason, count() FROM (SELECT "
                + "campaign_id, arrayJoin(splitByChar(',', rejections)) AS reason FROM response_verdicts FINAL WHERE "
                + "organization_id = ? AND " + campaigns(key) + " AND verdict = 'rejected') WHERE reason != '' "
                + "GROUP BY campaign_id, reason ORDER BY campaign_id, reason")) {
            bind(query, key);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    rejections
                            .computeIfAbsent(rows.getString(1), campaign -> new ArrayList<>())
                            .add(new Rejections(rows.getString(2), rows.getLong(3)));
                }
            }
        }
    }

    /** Indicators first, in the model's numbering, then the criteria K1–K5, then S. */
    private static void metrics(Connection connection, Key key, Map<String, List<Metric>> metrics) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT campaign_id, metric_id, metric_name, "
                + "published, status FROM organization_results FINAL WHERE organization_id = ? AND " + campaigns(key)
                + " AND metric_id NOT LIKE 'topic%' ORDER BY campaign_id, multiIf(metric_id LIKE 'K%', 1, metric_id"
                + " = 'S', 2, 0), metric_id")) {
            bind(query, key);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    metrics.computeIfAbsent(rows.getString(1), campaign -> new ArrayList<>())
                            .add(new Metric(
                                    rows.getString(2), rows.getString(3), rows.getDouble(4), rows.getString(5)));
                }
            }
        }
    }

    /** For tests that need the figures as ClickHouse has them now. */
    void forget() {
        kept.invalidateAll();
    }
}
