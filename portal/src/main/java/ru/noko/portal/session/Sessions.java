package ru.noko.portal.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import ru.noko.portal.audit.AuditLog;
import ru.noko.portal.files.FileStore;
import ru.noko.portal.files.OrderCheck;
import ru.noko.portal.files.StoredFiles;
import ru.noko.portal.session.OrganizedSessions.Session;
import ru.noko.portal.system.KafkaSettings;
import ru.noko.portal.system.TopicPublisher;

/**
 * Organized sessions from registration to cancellation. Each step is kept in PostgreSQL and published on the sessions
 * topic the anti-fraud checks read (keyed by session, so a change replaces the registration and a cancellation ends
 * it), in one transaction: when Kafka does not take the event, nothing changes. Every step is in the audit log.
 */
@Service
public class Sessions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OrganizedSessions sessions;
    private final FileStore files;
    private final TopicPublisher kafka;
    private final KafkaSettings topics;
    private final AuditLog audit;

    Sessions(OrganizedSessions sessions, FileStore files, TopicPublisher kafka, KafkaSettings topics, AuditLog audit) {
        this.sessions = sessions;
        this.files = files;
        this.kafka = kafka;
        this.topics = topics;
        this.audit = audit;
    }

    /**
     * Registers a session with its order (checked: a whole, unencrypted PDF of at most 20 pages and 5 MB).
     *
     * @throws ru.noko.portal.files.RefusedUpload when the order is not one
     * @throws TopicPublisher.NotPublished when Kafka did not take it (nothing is registered)
     */
    @Transactional
    public Session register(
            String campaignId, String organizationId, SessionForm.Checked checked, byte[] order, String by) {
        OrderCheck.Order accepted = OrderCheck.accept(order);
        String orderKey = StoredFiles.newKey("orders", "pdf");
        Session session = new Session(
                UUID.randomUUID().toString(),
                campaignId,
                organizationId,
                checked.startsAt(),
                checked.endsAt(),
                checked.address(),
                checked.participants(),
                orderKey,
                accepted.pages(),
                OrganizedSessions.State.REGISTERED,
                by,
                null,
                null);
        files.put(orderKey, accepted.content());
        sessions.add(session);
        audit.record(AuditLog.Action.SESSION_REGISTERED, name(session), null, summary(session));
        publish(session, false);
        return session;
    }

    /**
     * Changes a registered session's time, address or participants, and its order when a new one is given.
     *
     * @return false when the session is cancelled
     */
    @Transactional
    public boolean change(Session before, SessionForm.Checked checked, Optional<byte[]> newOrder) {
        String orderKey = before.orderKey();
        int pages = before.orderPages();
        if (newOrder.isPresent()) {
            OrderCheck.Order accepted = OrderCheck.accept(newOrder.get());
            orderKey = StoredFiles.newKey("orders", "pdf");
            pages = accepted.pages();
            files.put(orderKey, accepted.content());
        }
        Session after = new Session(
                before.id(),
                before.campaignId(),
                before.organizationId(),
                checked.startsAt(),
                checked.endsAt(),
                checked.address(),
                checked.participants(),
                orderKey,
                pages,
                OrganizedSessions.State.REGISTERED,
                before.registeredBy(),
                before.registeredAt(),
                null);
        if (!sessions.change(after)) {
            return false;
        }
        audit.record(AuditLog.Action.SESSION_CHANGED, name(after), summary(before), summary(after));
        publish(after, false);
        return true;
    }

    /** Cancels a registered session; false when it is cancelled already. */
    @Transactional
    public boolean cancel(Session session, String by) {
        if (!sessions.cancel(session.id(), by)) {
            return false;
        }
        audit.record(AuditLog.Action.SESSION_CANCELLED, name(session), summary(session), null);
        publish(session, true);
        return true;
    }

    /** The order's PDF, for those who may see the session. */
    public Optional<byte[]> order(Session session) {
        return files.get(session.orderKey());
    }

    private void publish(Session session, boolean cancelled) {
        ObjectNode record = JSON.createObjectNode();
        record.put("sessionId", session.id());
        record.put("campaignId", session.campaignId());
        record.put("organizationId", session.organizationId());
        record.put("ipAddress", session.address());
        record.put("from", session.startsAt().toString());
        record.put("to", session.endsAt().toString());
        record.put("participants", session.participants());
        record.put("cancelled", cancelled);
        try {
            kafka.publish(topics.sessionsTopic(), session.id(), JSON.writeValueAsString(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a session always writes", e);
        }
    }

    private static String name(Session session) {
        return "сессия " + session.id() + " (" + session.campaignId() + "/" + session.organizationId() + ")";
    }

    /** The session as the audit log keeps it; the address is the class's public one, not a person's. */
    private static String summary(Session session) {
        return session.startsAt() + "–" + session.endsAt() + ", " + session.address() + ", участников: "
                + session.participants();
    }
}
