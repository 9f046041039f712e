package ru.noko.portal.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import ru.noko.portal.security.PortalUser;

/**
 * The append-only audit log: every change anyone makes is one row. There is no update or delete here, and the
 * database refuses both (a trigger), so a row once written stays as it was.
 */
@Component
public class AuditLog {

    /** What happened, as the log and its filter name it. */
    public enum Action {
        LOGIN,
        LOGOUT,
        LOGIN_FAILED,
        LOGIN_THROTTLED,
        PASSWORD_CHANGED,
        PASSWORD_RESET_ISSUED,
        PASSWORD_RESET_USED,
        ACCOUNT_CREATED,
        ACCOUNT_BLOCKED,
        ACCOUNT_UNBLOCKED,
        REGISTRY_UPLOADED,
        REGISTRY_REFUSED,
        REGISTRY_CONFIRMED,
        CREDENTIALS_DOWNLOADED,
        CAMPAIGN_SAVED,
        CAMPAIGN_REFUSED,
        POSTERS_DOWNLOADED,
        AUDIT_DOWNLOADED,
        SELF_ASSESSMENT_SAVED,
        SELF_ASSESSMENT_PHOTO_ADDED,
        SELF_ASSESSMENT_PHOTO_REMOVED,
        SELF_ASSESSMENT_SUBMITTED,
        SELF_ASSESSMENT_RETURNED,
        SESSION_REGISTERED,
        SESSION_CHANGED,
        RESULTS_PUBLISHED,
        RESULTS_WITHDRAWN,
        SESSION_CANCELLED,
        PLAN_SAVED,
        PLAN_SUBMITTED,
        PLAN_APPROVED,
        PLAN_RETURNED,
        PLAN_PROGRESS,
        SESSION_REFUSED
    }

    private final JdbcClient db;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;

    AuditLog(JdbcClient db, org.springframework.jdbc.core.JdbcTemplate jdbc) {
        this.db = db;
        this.jdbc = jdbc;
    }

    /** A row by the signed-in user, from the current request's address. */
    public void record(Action action, String object, String before, String after) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof PortalUser user) {
            record(user.getUsername(), user.role().name(), action, object, before, after);
        } else {
            record(authentication == null ? "" : authentication.getName(), "ANONYMOUS", action, object, before, after);
        }
    }

    /** A row by whoever {@code actor} is (a failed login names the login that was tried). */
    public void record(String actor, String role, Action action, String object, String before, String after) {
        db.sql(
                        "INSERT INTO audit_log (actor, role, action, object, before, after, address) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        shortened(actor, 200),
                        role,
                        action.name(),
                        shortened(object, 500),
                        before,
                        after,
                        currentAddress())
                .update();
    }

    /** One row per object, by the signed-in user: the same action done to many (the accounts an import made). */
    public void recordEach(Action action, List<String> objects, String after) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String actor = authentication == null ? "" : authentication.getName();
        String role = authentication != null && authentication.getPrincipal() instanceof PortalUser user
                ? user.role().name()
                : "ANONYMOUS";
        String address = currentAddress();
        List<Object[]> rows = objects.stream()
                .map(object -> new Object[] {actor, role, action.name(), shortened(object, 500), after, address})
                .toList();
        jdbc.batchUpdate(
                "INSERT INTO audit_log (actor, role, action, object, after, address) VALUES (?, ?, ?, ?, ?, ?)", rows);
    }

    /**
     * Rows, newest first, that match every filter given (blank: any).
     *
     * @param limit at most this many
     */
    public List<AuditEntry> find(String actor, String action, Instant from, Instant to, int limit) {
        StringBuilder sql = new StringBuilder(
                "SELECT id, at, actor, role, action, object, before, after, address FROM audit_log WHERE true");
        List<Object> params = new ArrayList<>();
        if (actor != null && !actor.isBlank()) {
            sql.append(" AND actor = ?");
            params.add(actor.strip());
        }
        if (action != null && !action.isBlank()) {
            sql.append(" AND action = ?");
            params.add(action.strip());
        }
        if (from != null) {
            sql.append(" AND at >= ?");
            params.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND at < ?");
            params.add(Timestamp.from(to));
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(Math.max(1, Math.min(limit, 100_000)));
        return db.sql(sql.toString())
                .params(params)
                .query((row, n) -> new AuditEntry(
                        row.getLong("id"),
                        row.getTimestamp("at").toInstant(),
                        row.getString("actor"),
                        row.getString("role"),
                        row.getString("action"),
                        row.getString("object"),
                        row.getString("before"),
                        row.getString("after"),
                        row.getString("address")))
                .list();
    }

    private static String currentAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return "";
    }

    private static String shortened(String text, int length) {
        return text == null ? "" : text.length() <= length ? text : text.substring(0, length);
    }
}
