package ru.noko.portal.selfassessment;

import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.registry.Organization;
import ru.noko.portal.campaign.CampaignCatalog;
import ru.noko.portal.files.FileStore;
import ru.noko.portal.registry.RegisteredOrganizations;
import ru.noko.portal.security.PortalUser;
import ru.noko.portal.security.Viewers;
import ru.noko.portal.selfassessment.SelfAssessmentPhotos.StoredPhoto;
import ru.noko.portal.system.TopicPublisher;

/**
 * Self-assessments as those who check them see them: the list of a campaign's forms (the operator's and the
 * ministry's of every organization, a municipal analyst's of its municipality), each form with its photos and
 * versions, the operator's return with a comment, and the photos themselves, served only to those who may see the
 * organization (the organization itself included). Each part of the portal has its own routes; the role's rule in
 * the security configuration and {@link Viewers} decide together.
 */
@Controller
class SelfAssessmentReviewController {

    private final SelfAssessmentList list;
    private final SelfAssessments selfAssessments;
    private final SelfAssessmentPhotos photos;
    private final SelfAssessmentPages pages;
    private final Checklists checklists;
    private final CampaignCatalog campaigns;
    private final RegisteredOrganizations organizations;
    private final FileStore files;

    SelfAssessmentReviewController(
            SelfAssessmentList list,
            SelfAssessments selfAssessments,
            SelfAssessmentPhotos photos,
            SelfAssessmentPages pages,
            Checklists checklists,
            CampaignCatalog campaigns,
            RegisteredOrganizations organizations,
            FileStore files) {
        this.list = list;
        this.selfAssessments = selfAssessments;
        this.photos = photos;
        this.pages = pages;
        this.checklists = checklists;
        this.campaigns = campaigns;
        this.organizations = organizations;
        this.files = files;
    }

    @GetMapping({"/operator/self-assessments", "/ministry/self-assessments", "/municipality/self-assessments"})
    String list(
            @RequestParam(required = false) String campaign, @AuthenticationPrincipal PortalUser user, Model model) {
        List<Campaign> withChecklists = campaigns.all().stream()
                .filter(c -> checklists.of(c).isPresent())
                .toList();
        String wanted = campaign != null
                ? campaign
                : list.latestCampaign(withChecklists.stream().map(Campaign::id).toList())
                        .orElse(null);
        Campaign chosen = withChecklists.stream()
                .filter(c -> c.id().equals(wanted))
                .findFirst()
                .orElse(withChecklists.isEmpty() ? null : withChecklists.get(withChecklists.size() - 1));
        model.addAttribute("campaigns", withChecklists);
        model.addAttribute("campaign", chosen);
        model.addAttribute("base", base(user));
        model.addAttribute(
                "rows",
                chosen == null
                        ? List.of()
                        : list.of(
                                chosen.id(),
                                scope(user),
                                java.time.ZoneId.of(chosen.definition().timeZone())));
        return "selfassessment/list";
    }

    @GetMapping({
        "/operator/organizations/{organization}/self-assessments/{campaign}",
        "/ministry/organizations/{organization}/self-assessments/{campaign}",
        "/municipality/organizations/{organization}/self-assessments/{campaign}"
    })
    String view(
            @PathVariable String organization,
            @PathVariable String campaign,
            @AuthenticationPrincipal PortalUser user,
            Model model) {
        Organization seen = visible(organization, user);
        Campaign known = campaign(campaign);
        pages.fill(
                known,
                checklists.of(known).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)),
                seen,
                base(user),
                model);
        model.addAttribute("mayReturn", user.role() == ru.noko.portal.account.Role.REGION);
        return "selfassessment/view";
    }

    @PostMapping("/operator/organizations/{organization}/self-assessments/{campaign}/return")
    String returnForm(
            @PathVariable String organization,
            @PathVariable String campaign,
            @RequestParam(defaultValue = "") String comment,
            @AuthenticationPrincipal PortalUser user,
            Model model) {
        Organization seen = visible(organization, user);
        Campaign known = campaign(campaign);
        String path = "/operator/organizations/" + seen.id() + "/self-assessments/" + known.id();
        if (comment.isBlank() || comment.length() > 2000) {
            return view(
                    seen.id(),
                    known.id(),
                    user,
                    withProblem(
                            model, "Напишите, что исправить: комментарий" + " обязателен (не длиннее 2000 знаков)."));
        }
        try {
            if (!selfAssessments.returnForm(known.id(), seen.id(), comment.strip(), user.getUsername())) {
                return view(
                        seen.id(),
                        known.id(),
                        user,
                        withProblem(model, "Самообследование не отправлено:" + " вернуть можно только отправленное."));
            }
        } catch (TopicPublisher.NotPublished e) {
            return view(
                    seen.id(),
                    known.id(),
                    user,
                    withProblem(
                            model,
                            "Самообследование не возвращено: сервис"
                                    + " приёма данных недоступен. Попробуйте ещё раз через минуту."));
        }
        return "redirect:" + path + "?returned";
    }

    @GetMapping({
        "/operator/photos/{photo}",
        "/ministry/photos/{photo}",
        "/municipality/photos/{photo}",
        "/organization/photos/{photo}"
    })
    ResponseEntity<byte[]> photo(@PathVariable String photo, @AuthenticationPrincipal PortalUser user) {
        StoredPhoto stored = visiblePhoto(photo, user);
        return file(stored.photoKey(), MediaType.parseMediaType(stored.mediaType()));
    }

    @GetMapping({
        "/operator/photos/{photo}/thumbnail",
        "/ministry/photos/{photo}/thumbnail",
        "/municipality/photos/{photo}/thumbnail",
        "/organization/photos/{photo}/thumbnail"
    })
    ResponseEntity<byte[]> thumbnail(@PathVariable String photo, @AuthenticationPrincipal PortalUser user) {
        return file(visiblePhoto(photo, user).thumbnailKey(), MediaType.IMAGE_JPEG);
    }

    /** A photo of an organization the user may see; another one's is forbidden, an unknown one absent. */
    private StoredPhoto visiblePhoto(String id, PortalUser user) {
        StoredPhoto stored = photos.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        visible(stored.organizationId(), user);
        return stored;
    }

    /** Private to those who may see it: kept by the browser for the session's pages, by no shared cache. */
    private ResponseEntity<byte[]> file(String key, MediaType type) {
        byte[] content = files.get(key).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok()
                .contentType(type)
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePrivate())
                .header("Content-Disposition", "inline")
                .body(content);
    }

    private Organization visible(String id, PortalUser user) {
        return Viewers.visible(organizations.find(id), user);
    }

    private Campaign campaign(String id) {
        return campaigns.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static Model withProblem(Model model, String problem) {
        model.addAttribute("problem", problem);
        return model;
    }

    private static String base(PortalUser user) {
        return Viewers.base(user);
    }

    /** The municipality a municipal analyst's list is limited to; null for the whole region. */
    private static String scope(PortalUser user) {
        return user.role() == ru.noko.portal.account.Role.MUNICIPALITY ? user.municipality() : null;
    }
}
