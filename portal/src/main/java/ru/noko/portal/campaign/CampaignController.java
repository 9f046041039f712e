package ru.noko.portal.campaign;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import ru.noko.portal.security.PortalUser;
import ru.noko.portal.system.TopicPublisher;

/** The operator's campaigns: the list, a new campaign, and editing one; saving publishes it for the survey and the job. */
@Controller
class CampaignController {

    private final CampaignCatalog catalog;
    private final CampaignChanges changes;

    CampaignController(CampaignCatalog catalog, CampaignChanges changes) {
        this.catalog = catalog;
        this.changes = changes;
    }

    @GetMapping("/operator/campaigns")
    String list(Model model) {
        model.addAttribute("campaigns", catalog.all());
        return "operator/campaigns";
    }

    @GetMapping("/operator/campaigns/new")
    String create(Model model) {
        return form(model, new CampaignForm(), true, Map.of());
    }

    @GetMapping("/operator/campaigns/{id}")
    String edit(@PathVariable String id, Model model) {
        CampaignForm form = catalog.find(id)
                .map(campaign -> CampaignForm.of(campaign.definition()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return form(model, form, false, Map.of());
    }

    @PostMapping("/operator/campaigns")
    String save(
            @ModelAttribute("form") CampaignForm form,
            @RequestParam(defaultValue = "false") boolean isNew,
            @AuthenticationPrincipal PortalUser user,
            Model model,
            RedirectAttributes redirect,
            jakarta.servlet.http.HttpServletResponse response) {
        CampaignChanges.Outcome outcome;
        try {
            outcome = changes.save(form, isNew, user.getUsername());
        } catch (TopicPublisher.NotPublished e) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            model.addAttribute(
                    "problem",
                    "Кампания не сохранена: хранилище событий (Kafka) не подтвердило запись. Повторите через минуту.");
            return form(model, form, isNew, Map.of());
        }
        if (!outcome.saved()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return form(model, form, isNew, outcome.problems());
        }
        redirect.addFlashAttribute(
                "notice",
                "Кампания «" + form.getId().strip() + "» сохранена и опубликована: анкеты и расчёт показателей "
                        + "получат её в течение нескольких секунд.");
        return "redirect:/operator/campaigns";
    }

    private String form(Model model, CampaignForm form, boolean isNew, Map<String, String> problems) {
        model.addAttribute("form", form);
        model.addAttribute("isNew", isNew);
        model.addAttribute("problems", problems);
        model.addAttribute("methods", CampaignForm.METHODS);
        model.addAttribute("types", CampaignForm.TYPES);
        model.addAttribute("campaigns", catalog.all());
        return "operator/campaign";
    }
}
