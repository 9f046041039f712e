package ru.noko.portal.session;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.registry.Organization;
import ru.noko.portal.campaign.CampaignCatalog;
import ru.noko.portal.files.RefusedUpload;
import ru.noko.portal.registry.RegisteredOrganizations;
import ru.noko.portal.security.PortalUser;
import ru.noko.portal.session.OrganizedSessions.Session;
import ru.noko.portal.system.TopicPublisher;

/**
 * An organization's organized sessions: registering one for an open campaign (the class's address prefilled with
 * the address the request comes from), changing it, cancelling it, and its order. Only its own.
 */
@Controller
class SessionController {

    private final Sessions sessions;
    private final OrganizedSessions registered;
    private final CampaignCatalog campaigns;
    private final RegisteredOrganizations organizations;
    private final SessionPages pages;
    private final Clock clock;

    SessionController(
            Sessions sessions,
            OrganizedSessions registered,
            CampaignCatalog campaigns,
            RegisteredOrganizations organizations,
            SessionPages pages,
            Clock clock) {
        this.sessions = sessions;
        this.registered = registered;
        this.campaigns = campaigns;
        this.organizations = organizations;
        this.pages = pages;
        this.clock = clock;
    }

    @GetMapping("/organization/sessions")
    String list(@AuthenticationPrincipal PortalUser user, HttpServletRequest request, Model model) {
        SessionForm form = new SessionForm();
        form.setAddress(Optional.ofNullable(SessionForm.normalizedAddress(request.getRemoteAddr()))
                .orElse(""));
        return list(own(user), form, null, Map.of(), null, model);
    }

    @PostMapping("/organization/sessions")
    String register(
            @ModelAttribute SessionForm form,
            @RequestParam(defaultValue = "") String campaign,
            @RequestParam(required = false) MultipartFile order,
            @AuthenticationPrincipal PortalUser user,
            Model model)
            throws IOException {
        Organization organization = own(user);
        Optional<Campaign> open = openCampaign(organization, campaign);
        if (open.isEmpty()) {
            return list(organization, form, campaign, Map.of("campaign", "Выберите открытую кампанию."), null, model);
        }
        SessionForm.Result result = form.check(zone(open.get()), clock.instant());
        if (result.checked() == null) {
            return list(organization, form, campaign, result.problems(), null, model);
        }
        if (order == null || order.isEmpty()) {
            return list(
                    organization, form, campaign, Map.of("order", "Приложите приказ руководителя (PDF)."), null, model);
        }
        try {
            sessions.register(
                    open.get().id(), organization.id(), result.checked(), order.getBytes(), user.getUsername());
        } catch (RefusedUpload refused) {
            return list(organization, form, campaign, Map.of("order", refused.getMessage()), null, model);
        } catch (TopicPublisher.NotPublished e) {
            return list(organization, form, campaign, Map.of(), unavailable(), model);
        }
        return "redirect:/organization/sessions?registered";
    }

    @GetMapping("/organization/sessions/{id}")
    String edit(@PathVariable String id, @AuthenticationPrincipal PortalUser user, Model model) {
        Session session = ownSession(id, user);
        return edit(session, SessionForm.of(session, zone(session)), Map.of(), null, model);
    }

    @PostMapping("/organization/sessions/{id}")
    String change(
            @PathVariable String id,
            @ModelAttribute SessionForm form,
            @RequestParam(required = false) MultipartFile order,
            @AuthenticationPrincipal PortalUser user,
            Model model)
            throws IOException {
        Session session = ownSession(id, user);
        SessionForm.Result result = form.check(zone(session), clock.instant());
        if (result.checked() == null) {
            return edit(session, form, result.problems(), null, model);
        }
        Optional<byte[]> newOrder = order == null || order.isEmpty() ? Optional.empty() : Optional.of(order.getBytes());
        try {
            if (!sessions.change(session, result.checked(), newOrder)) {
                return edit(session, form, Map.of(), "Сессия отменена: её нельзя изменить.", model);
            }
        } catch (RefusedUpload refused) {
            return edit(session, form, Map.of("order", refused.getMessage()), null, model);
        } catch (TopicPublisher.NotPublished e) {
            return edit(session, form, Map.of(), unavailable(), model);
        }
        return "redirect:/organization/sessions?changed";
    }

    @PostMapping("/organization/sessions/{id}/cancel")
    String cancel(@PathVariable String id, @AuthenticationPrincipal PortalUser user, Model model) {
        Session session = ownSession(id, user);
        try {
            sessions.cancel(session, user.getUsername());
        } catch (TopicPublisher.NotPublished e) {
            return list(own(user), new SessionForm(), null, Map.of(), unavailable(), model);
        }
        return "redirect:/organization/sessions?cancelled";
    }

    @GetMapping("/organization/sessions/{id}/order.pdf")
    ResponseEntity<byte[]> order(@PathVariable String id, @AuthenticationPrincipal PortalUser user) {
        return pages.order(ownSession(id, user));
    }

    private String list(
            Organization organization,
            SessionForm form,
            String campaign,
            Map<String, String> problems,
            String problem,
            Model model) {
        List<Campaign> open = campaigns.openFor(organization.type(), clock.instant());
        model.addAttribute("organization", organization);
        model.addAttribute("sessions", pages.shown(registered.of(organization.id())));
        model.addAttribute("campaigns", open);
        model.addAttribute("chosen", campaign);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("problem", problem);
        return "session/list";
    }

    private String edit(Session session, SessionForm form, Map<String, String> problems, String problem, Model model) {
        model.addAttribute("organizedSession", session);
        model.addAttribute("campaign", campaigns.find(session.campaignId()).orElse(null));
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("problem", problem);
        return "session/edit";
    }

    private Optional<Campaign> openCampaign(Organization organization, String id) {
        return campaigns.openFor(organization.type(), clock.instant()).stream()
                .filter(campaign -> campaign.id().equals(id))
                .findFirst();
    }

    private Session ownSession(String id, PortalUser user) {
        Session session = registered.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!session.organizationId().equals(user.organizationId())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Сессия другой организации");
        }
        return session;
    }

    private ZoneId zone(Session session) {
        return campaigns.find(session.campaignId()).map(SessionController::zone).orElse(ZoneId.of("Europe/Moscow"));
    }

    private static ZoneId zone(Campaign campaign) {
        return ZoneId.of(campaign.definition().timeZone());
    }

    private Organization own(PortalUser user) {
        return organizations
                .find(user.organizationId())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static String unavailable() {
        return "Не сохранено: сервис приёма данных недоступен. Попробуйте ещё раз через минуту.";
    }
}
