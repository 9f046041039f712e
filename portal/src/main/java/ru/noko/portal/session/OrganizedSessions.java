package ru.noko.portal.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Organized sessions as registered in the portal: PostgreSQL keeps each one's latest form and its order's file. */
@Repository
public class OrganizedSessions {

    public enum State {
        REGISTERED,
        CANCELLED
    }

    /** A session as it stands. */
    public record Session(
            String id,
            String campaignId,
            String organizationId,
            Instant startsAt,
            Instant endsAt,
            String address,
            int participants,
            String orderKey,
            int orderPages,
            State state,
            String registeredBy,
            Instant registeredAt,
            String cancelledBy) {}

    /** A session with its organization's name, for the operator's list. */
    public record Listed(Session session, String organizationName, String municipality) {}

    private final JdbcClient db;

    OrganizedSessions(JdbcClient db) {
        this.db = db;
    }

    void add(Session session) {
        db.sql("INSERT INTO organized_sessions (id, campaign_id, organization_id, starts_at, ends_at, address, "
                        + "participants, order_key, order_pages, state, registered_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?, 'REGISTERED', ?)")
                .params(
                        session.id(),
                        session.campaignId(),
                        session.organizationId(),
                        java.sql.Timestamp.from(session.startsAt()),
                        java.sql.Timestamp.from(session.endsAt()),
                        session.address(),
                        session.participants(),
                        session.orderKey(),
                        session.orderPages(),
                        session.registeredBy())
                .update();
    }

    /** Changes a registered session; false when it is cancelled (or gone). */
    boolean change(Session session) {
        return db.sql("UPDATE organized_sessions SET starts_at = ?, ends_at = ?, address = ?, participants = ?, "
                                + "order_key = ?, order_pages = ?, changed_at = now() WHERE id = ? AND state = "
                                + "'REGISTERED'")
                        .params(
                                java.sql.Timestamp.from(session.startsAt()),
                                java.sql.Timestamp.from(session.endsAt()),
                                session.address(),
                                session.participants(),
                                session.orderKey(),
                                session.orderPages(),
                                session.id())
                        .update()
                == 1;
    }

    /** Cancels a registered session; false when it is cancelled already. */
    boolean cancel(String id, String by) {
        return db.sql("UPDATE organized_sessions SET state = 'CANCELLED', cancelled_by = ?, changed_at = now() WHERE "
                                + "id = ? AND state = 'REGISTERED'")
                        .params(by, id)
                        .update()
                == 1;
    }

    public Optional<Session> find(String id) {
        return db.sql("SELECT * FROM organized_sessions WHERE id = ?")
                .param(id)
                .query(Session.class)
                .optional();
    }

    /** The organization's sessions, latest first. */
    public List<Session> of(String organizationId) {
        return db.sql("SELECT * FROM organized_sessions WHERE organization_id = ? ORDER BY starts_at DESC")
                .param(organizationId)
                .query(Session.class)
                .list();
    }

    /** Every session of the region, latest first, at most {@code limit}. */
    public List<Listed> all(int limit) {
        return db.sql("SELECT s.*, o.name AS organization_name, o.municipality FROM organized_sessions s JOIN "
                        + "organizations o ON o.id = s.organization_id ORDER BY s.starts_at DESC LIMIT ?")
                .param(limit)
                .query((row, number) -> new Listed(
                        new Session(
                                row.getString("id"),
                                row.getString("campaign_id"),
                                row.getString("organization_id"),
                                row.getTimestamp("starts_at").toInstant(),
                                row.getTimestamp("ends_at").toInstant(),
                                row.getString("address"),
                                row.getInt("participants"),
                                row.getString("order_key"),
                                row.getInt("order_pages"),
                                State.valueOf(row.getString("state")),
                                row.getString("registered_by"),
                                row.getTimestamp("registered_at").toInstant(),
                                row.getString("cancelled_by")),
                        row.getString("organization_name"),
                        row.getString("municipality")))
                .list();
    }
}
