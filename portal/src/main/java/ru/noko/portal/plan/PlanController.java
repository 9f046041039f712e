package ru.noko.portal.plan;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.portal.security.PortalUser;

/**
 * An organization's own improvement plans: it edits a draft (or a returned plan), adds rows, submits it, and once it
 * is approved reports what was done against the dates. Only its own: the organization comes from the login.
 */
@Controller
class PlanController {

    private final ImprovementPlans plans;
    private final PlanStore store;
    private final PlanPages pages;

    PlanController(ImprovementPlans plans, PlanStore store, PlanPages pages) {
        this.plans = plans;
        this.store = store;
        this.pages = pages;
    }

    @GetMapping("/organization/plans")
    String mine(@AuthenticationPrincipal PortalUser user, Model model) {
        Map<Campaign, Plan> mine = new LinkedHashMap<>();
        for (Campaign campaign : pages.published()) {
            store.find(campaign.id(), user.organizationId()).ifPresent(plan -> mine.put(campaign, plan));
        }
        model.addAttribute("plans", mine);
        return "plan/mine";
    }

    @GetMapping("/organization/plans/{campaign}")
    String edit(@PathVariable String campaign, @AuthenticationPrincipal PortalUser user, Model model) {
        Campaign known = pages.chosen(campaign);
        Plan plan = store.find(known.id(), user.organizationId())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("campaign", known);
        model.addAttribute("plan", plan);
        model.addAttribute("criteria", Plan.CRITERIA);
        model.addAttribute("today", PlanPages.today(known));
        return "plan/edit";
    }

    @PostMapping("/organization/plans/{campaign}")
    String save(
            @PathVariable String campaign,
            @RequestParam MultiValueMap<String, String> form,
            @AuthenticationPrincipal PortalUser user,
            Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        Campaign known = pages.chosen(campaign);
        List<String> problems = new ArrayList<>();
        List<Measure> rows = rows(form, problems);
        try {
            if (!problems.isEmpty()) {
                throw new ImprovementPlans.Refused(problems);
            }
            plans.save(known.id(), user.organizationId(), rows, user.getUsername());
            if (form.containsKey("submit")) {
                plans.submit(known.id(), user.organizationId(), user.getUsername());
                return "redirect:/organization/plans/" + known.id() + "?submitted";
            }
        } catch (ImprovementPlans.Refused e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("problems", e.problems());
            return edit(known.id(), user, model);
        }
        return "redirect:/organization/plans/" + known.id() + "?saved";
    }

    @PostMapping("/organization/plans/{campaign}/progress")
    String progress(
            @PathVariable String campaign,
            @RequestParam MultiValueMap<String, String> form,
            @AuthenticationPrincipal PortalUser user,
            Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        Campaign known = pages.chosen(campaign);
        Map<Long, Measure> progress = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String key : form.keySet()) {
            if (!key.startsWith("taken-")) {
                continue;
            }
            long id;
            try {
                id = Long.parseLong(key.substring("taken-".length()));
            } catch (NumberFormatException e) {
                continue;
            }
            LocalDate actual = date(form.getFirst("actual-" + id), "Фактический срок", problems);
            progress.put(
                    id,
                    new Measure(id, "", "", "", null, "", "", form.getFirst(key).strip(), actual, ""));
        }
        try {
            if (!problems.isEmpty()) {
                throw new ImprovementPlans.Refused(problems);
            }
            plans.progress(known.id(), user.organizationId(), progress, user.getUsername());
        } catch (ImprovementPlans.Refused e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("problems", e.problems());
            return edit(known.id(), user, model);
        }
        return "redirect:/organization/plans/" + known.id() + "?progress";
    }

    /** The form's rows: parallel lists, one entry per row, every field present (empty when not filled). */
    static List<Measure> rows(MultiValueMap<String, String> form, List<String> problems) {
        List<String> criterion = form.getOrDefault("criterion", List.of());
        List<Measure> rows = new ArrayList<>();
        for (int i = 0; i < criterion.size(); i++) {
            rows.add(new Measure(
                    null,
                    criterion.get(i),
                    field(form, "deficiency", i),
                    field(form, "measure", i),
                    date(field(form, "plannedDate", i), "Строка " + (i + 1) + ": плановый срок", problems),
                    field(form, "responsibleName", i),
                    field(form, "responsiblePosition", i),
                    "",
                    null,
                    field(form, "source", i)));
        }
        return rows;
    }

    private static String field(MultiValueMap<String, String> form, String name, int i) {
        List<String> values = form.getOrDefault(name, List.of());
        return i < values.size() && values.get(i) != null ? values.get(i).strip() : "";
    }

    private static LocalDate date(String text, String what, List<String> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.add(what + ": дата «" + text + "» не распознана (ГГГГ-ММ-ДД)");
            return null;
        }
    }
}
