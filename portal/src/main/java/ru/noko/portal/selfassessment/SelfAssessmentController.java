package ru.noko.portal.selfassessment;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.server.ResponseStatusException;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.checklist.Checklist;
import ru.noko.methodology.registry.Organization;
import ru.noko.portal.campaign.CampaignCatalog;
import ru.noko.portal.files.RefusedUpload;
import ru.noko.portal.registry.RegisteredOrganizations;
import ru.noko.portal.security.PortalUser;
import ru.noko.portal.system.TopicPublisher;

/**
 * The organization fills its self-assessment: the checklist saved on every change (the page's script posts the
 * fields to {@code autosave}) and on demand, photos attached to items with the form, the form submitted when the
 * checklist's rules are met. Only its own organization's form, of a campaign open to its type.
 */
@Controller
class SelfAssessmentController {

    private static final DateTimeFormatter SAVED_AT = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final SelfAssessments selfAssessments;
    private final Checklists checklists;
    private final CampaignCatalog campaigns;
    private final RegisteredOrganizations organizations;
    private final SelfAssessmentPages pages;
    private final SelfAssessmentPhotos photos;
    private final java.time.Clock clock;

    SelfAssessmentController(
            SelfAssessments selfAssessments,
            Checklists checklists,
            CampaignCatalog campaigns,
            RegisteredOrganizations organizations,
            SelfAssessmentPages pages,
            SelfAssessmentPhotos photos,
            java.time.Clock clock) {
        this.selfAssessments = selfAssessments;
        this.checklists = checklists;
        this.campaigns = campaigns;
        this.organizations = organizations;
        this.pages = pages;
        this.photos = photos;
        this.clock = clock;
    }

    @GetMapping("/organization/self-assessments/{campaign}")
    String form(@PathVariable String campaign, @AuthenticationPrincipal PortalUser user, Model model) {
        return page(open(campaign, user), own(user), List.of(), model);
    }

    /** Saves the form, with any photos attached to it; or saves and submits it. */
    @PostMapping("/organization/self-assessments/{campaign}")
    String save(
            @PathVariable String campaign,
            @RequestParam MultiValueMap<String, String> fields,
            HttpServletRequest request,
            @AuthenticationPrincipal PortalUser user,
            Model model)
            throws IOException {
        Campaign open = open(campaign, user);
        Checklist checklist = checklist(open);
        Organization organization = own(user);
        List<String> problems = new ArrayList<>(save(checklist, open, organization, fields, user));
        if (!problems.isEmpty()) {
            return page(open, organization, problems, model);
        }
        MultiValueMap<String, MultipartFile> attached = request instanceof MultipartHttpServletRequest multipart
                ? multipart.getMultiFileMap()
                : new org.springframework.util.LinkedMultiValueMap<>();
        for (Map.Entry<String, List<MultipartFile>> files : attached.entrySet()) {
            if (!files.getKey().startsWith("photo:")) {
                continue;
            }
            String item = files.getKey().substring("photo:".length());
            for (MultipartFile file : files.getValue()) {
                if (file.isEmpty()) {
                    continue;
                }
                try {
                    selfAssessments.addPhoto(
                            checklist, open.id(), organization.id(), item, file.getBytes(), user.getUsername());
                } catch (RefusedUpload refused) {
                    problems.add(photoName(checklist, item, file) + refused.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            return page(open, organization, problems, model);
        }
        if ("submit".equals(fields.getFirst("action"))) {
            try {
                selfAssessments.submit(checklist, open.id(), organization.id(), user.getUsername());
            } catch (SelfAssessments.NotSubmittable e) {
                model.addAttribute("notSubmitted", true);
                return page(open, organization, e.problems(), model);
            } catch (TopicPublisher.NotPublished e) {
                model.addAttribute("notSubmitted", true);
                return page(
                        open,
                        organization,
                        List.of("Самообследование сохранено, но не отправлено: сервис приёма данных недоступен."
                                + " Попробуйте отправить ещё раз через минуту."),
                        model);
            }
            return "redirect:/organization/self-assessments/" + open.id() + "?submitted";
        }
        return "redirect:/organization/self-assessments/" + open.id() + "?saved";
    }

    /** The page's script saves the fields as they change: JSON, for the status line. */
    @PostMapping(
            path = "/organization/self-assessments/{campaign}/autosave",
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> autosave(
            @PathVariable String campaign,
            @RequestParam MultiValueMap<String, String> fields,
            @AuthenticationPrincipal PortalUser user) {
        Campaign open = open(campaign, user);
        List<String> problems = save(checklist(open), open, own(user), fields, user);
        if (!problems.isEmpty()) {
            return ResponseEntity.badRequest()
                    .body(Map.of("message", "Черновик не сохранён: " + String.join("; ", problems)));
        }
        return ResponseEntity.ok(Map.of(
                "savedAt",
                ZonedDateTime.now(clock).withZoneSameInstant(zone(open)).format(SAVED_AT)));
    }

    @PostMapping("/organization/self-assessments/{campaign}/photos/{photo}/remove")
    String removePhoto(
            @PathVariable String campaign,
            @PathVariable String photo,
            @RequestParam MultiValueMap<String, String> fields,
            @AuthenticationPrincipal PortalUser user,
            Model model) {
        Organization organization = own(user);
        photos.find(photo)
                .filter(stored -> !stored.organizationId().equals(organization.id()))
                .ifPresent(stored -> {
                    throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Фотография другой организации");
                });
        Campaign open = open(campaign, user);
        List<String> problems = save(checklist(open), open, organization, fields, user);
        if (!problems.isEmpty()) {
            return page(open, organization, problems, model);
        }
        if (!selfAssessments.removePhoto(open.id(), organization.id(), photo)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/organization/self-assessments/" + open.id() + "?photo-removed";
    }

    /** Saves the typed answers; the problems that kept them from being saved, if any. */
    private List<String> save(
            Checklist checklist,
            Campaign campaign,
            Organization organization,
            MultiValueMap<String, String> fields,
            PortalUser user) {
        ChecklistForm.Read read = ChecklistForm.read(checklist, fields);
        if (!read.problems().isEmpty()) {
            return read.problems();
        }
        try {
            selfAssessments.saveDraft(checklist, campaign.id(), organization.id(), read.answers(), user.getUsername());
        } catch (SelfAssessmentForms.Locked locked) {
            return List.of(locked.getMessage());
        }
        return List.of();
    }

    private String page(Campaign campaign, Organization organization, List<String> problems, Model model) {
        pages.fill(campaign, checklist(campaign), organization, "/organization", model);
        model.addAttribute("problems", problems);
        model.addAttribute("formAction", "/organization/self-assessments/" + campaign.id());
        return "selfassessment/form";
    }

    private static String photoName(Checklist checklist, String item, MultipartFile file) {
        String text = checklist.item(item).map(Checklist.Item::text).orElse(item);
        String name = file.getOriginalFilename() == null ? "" : " (" + file.getOriginalFilename() + ")";
        return "Фотография к пункту «" + text + "»" + name + ": ";
    }

    private Checklist checklist(Campaign campaign) {
        return checklists
                .of(campaign)
                .orElseThrow(() ->
                        new ResponseStatusException(HttpStatus.NOT_FOUND, "В этой кампании нет самообследования"));
    }

    /** A campaign open to the organization's type now: only those can be filled. */
    private Campaign open(String campaignId, PortalUser user) {
        Organization organization = own(user);
        return campaigns.openFor(organization.type(), clock.instant()).stream()
                .filter(campaign -> campaign.id().equals(campaignId))
                .findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private Organization own(PortalUser user) {
        return organizations
                .find(user.organizationId())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static ZoneId zone(Campaign campaign) {
        return ZoneId.of(campaign.definition().timeZone());
    }
}
