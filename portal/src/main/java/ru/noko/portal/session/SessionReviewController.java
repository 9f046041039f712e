package ru.noko.portal.session;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import ru.noko.portal.security.PortalUser;
import ru.noko.portal.session.OrganizedSessions.Session;
import ru.noko.portal.system.TopicPublisher;

/** The regional operator sees every organized session with its order, and may cancel one. */
@Controller
class SessionReviewController {

    /** The most sessions the list shows: a region's sessions of a few campaigns. */
    static final int LONGEST = 5000;

    private final Sessions sessions;
    private final OrganizedSessions registered;
    private final SessionPages pages;

    SessionReviewController(Sessions sessions, OrganizedSessions registered, SessionPages pages) {
        this.sessions = sessions;
        this.registered = registered;
        this.pages = pages;
    }

    @GetMapping("/operator/sessions")
    String list(Model model) {
        model.addAttribute(
                "sessions",
                registered.all(LONGEST).stream()
                        .map(listed -> new Row(
                                pages.shown(listed.session()), listed.organizationName(), listed.municipality()))
                        .toList());
        return "session/operator";
    }

    /** A session in the operator's list, with its organization. */
    record Row(SessionPages.Shown shown, String organizationName, String municipality) {}

    @GetMapping("/operator/sessions/{id}/order.pdf")
    ResponseEntity<byte[]> order(@PathVariable String id) {
        return pages.order(session(id));
    }

    @PostMapping("/operator/sessions/{id}/cancel")
    String cancel(@PathVariable String id, @AuthenticationPrincipal PortalUser user, Model model) {
        try {
            sessions.cancel(session(id), user.getUsername());
        } catch (TopicPublisher.NotPublished e) {
            model.addAttribute("problem", "Сессия не отменена: сервис приёма данных недоступен. Попробуйте ещё раз.");
            return list(model);
        }
        return "redirect:/operator/sessions?cancelled";
    }

    private Session session(String id) {
        return registered.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
