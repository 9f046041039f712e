package ru.noko.portal.session;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import ru.noko.portal.campaign.CampaignCatalog;
import ru.noko.portal.session.OrganizedSessions.Session;

/** What the session pages share: a session's times in its campaign's time zone, and its order as a download. */
@Component
class SessionPages {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    /** A session as the lists show it. */
    record Shown(Session session, String campaignTitle, String day, String from, String to, boolean cancelled) {}

    private final CampaignCatalog campaigns;
    private final Sessions sessions;

    SessionPages(CampaignCatalog campaigns, Sessions sessions) {
        this.campaigns = campaigns;
        this.sessions = sessions;
    }

    List<Shown> shown(List<Session> list) {
        return list.stream().map(this::shown).toList();
    }

    Shown shown(Session session) {
        var campaign = campaigns.find(session.campaignId());
        ZoneId zone = ZoneId.of(campaign.map(c -> c.definition().timeZone()).orElse("Europe/Moscow"));
        return new Shown(
                session,
                campaign.map(c -> c.definition().title()).orElse(session.campaignId()),
                DAY.format(session.startsAt().atZone(zone)),
                TIME.format(session.startsAt().atZone(zone)),
                TIME.format(session.endsAt().atZone(zone)),
                session.state() == OrganizedSessions.State.CANCELLED);
    }

    /** The order as a download: the portal's own name for it, never a name someone typed. */
    ResponseEntity<byte[]> order(Session session) {
        byte[] pdf = sessions.order(session).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "attachment; filename=\"order-" + session.id() + ".pdf\"")
                .header("Cache-Control", "private, no-store")
                .body(pdf);
    }
}
