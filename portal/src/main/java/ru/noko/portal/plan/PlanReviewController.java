package ru.noko.portal.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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
import ru.noko.portal.account.Role;
import ru.noko.portal.registry.RegisteredOrganizations;
import ru.noko.portal.security.PortalUser;
import ru.noko.portal.security.Viewers;

/**
 * Plans as their reviewers see them: the operator and the ministry every organization's, a municipality its own
 * organizations'. The operator and a municipality (its own organizations only) approve a submitted plan or return it
 * with a comment; the ministry and the operator download all plans as XLSX.
 */
@Controller
class PlanReviewController {

    private final ImprovementPlans plans;
    private final PlanStore store;
    private final PlanPages pages;
    private final RegisteredOrganizations organizations;

    PlanReviewController(
            ImprovementPlans plans, PlanStore store, PlanPages pages, RegisteredOrganizations organizations) {
        this.plans = plans;
        this.store = store;
        this.pages = pages;
        this.organizations = organizations;
    }

    @GetMapping({"/operator/plans", "/municipality/plans", "/ministry/plans"})
    String list(
            @RequestParam(required = false) String campaign, @AuthenticationPrincipal PortalUser user, Model model) {
        Campaign chosen = pages.chosen(campaign);
        model.addAttribute("campaigns", pages.published());
        model.addAttribute("campaign", chosen);
        model.addAttribute("base", base(user));
        model.addAttribute("mayDownload", user.role() == Role.REGION || user.role() == Role.MINISTRY);
        model.addAttribute(
                "rows",
                chosen == null
                        ? List.of()
                        : store.list(
                                chosen.id(),
                                user.role() == Role.MUNICIPALITY ? user.municipality() : null,
                                PlanPages.today(chosen)));
        return "plan/list";
    }

    @GetMapping({
        "/operator/organizations/{organization}/plans/{campaign}",
        "/municipality/organizations/{organization}/plans/{campaign}",
        "/ministry/organizations/{organization}/plans/{campaign}"
    })
    String view(
            @PathVariable String organization,
            @PathVariable String campaign,
            @AuthenticationPrincipal PortalUser user,
            Model model) {
        Organization seen = visible(organization, user);
        Campaign known = pages.chosen(campaign);
        Plan plan =
                store.find(known.id(), seen.id()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("organization", seen);
        model.addAttribute("campaign", known);
        model.addAttribute("plan", plan);
        model.addAttribute("criteria", Plan.CRITERIA);
        model.addAttribute("today", PlanPages.today(known));
        model.addAttribute("base", base(user));
        model.addAttribute(
                "mayReview",
                plan.state() == PlanState.SUBMITTED
                        && (user.role() == Role.REGION || user.role() == Role.MUNICIPALITY));
        return "plan/view";
    }

    @PostMapping({
        "/operator/organizations/{organization}/plans/{campaign}/approve",
        "/municipality/organizations/{organization}/plans/{campaign}/approve"
    })
    String approve(
            @PathVariable String organization,
            @PathVariable String campaign,
            @AuthenticationPrincipal PortalUser user,
            Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        Organization seen = visible(organization, user);
        Campaign known = pages.chosen(campaign);
        try {
            plans.approve(known.id(), seen.id(), user.getUsername());
        } catch (ImprovementPlans.Refused e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("problems", e.problems());
            return view(seen.id(), known.id(), user, model);
        }
        return "redirect:" + base(user) + "/organizations/" + seen.id() + "/plans/" + known.id() + "?approved";
    }

    @PostMapping({
        "/operator/organizations/{organization}/plans/{campaign}/return",
        "/municipality/organizations/{organization}/plans/{campaign}/return"
    })
    String returnPlan(
            @PathVariable String organization,
            @PathVariable String campaign,
            @RequestParam(defaultValue = "") String comment,
            @AuthenticationPrincipal PortalUser user,
            Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        Organization seen = visible(organization, user);
        Campaign known = pages.chosen(campaign);
        try {
            plans.returnPlan(known.id(), seen.id(), comment, user.getUsername());
        } catch (ImprovementPlans.Refused e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("problems", e.problems());
            return view(seen.id(), known.id(), user, model);
        }
        return "redirect:" + base(user) + "/organizations/" + seen.id() + "/plans/" + known.id() + "?returned";
    }

    @GetMapping({"/ministry/plans.xlsx", "/operator/plans.xlsx"})
    ResponseEntity<byte[]> download(@RequestParam(required = false) String campaign) throws Exception {
        Campaign chosen = pages.chosen(campaign);
        if (chosen == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Map<String, Organization> known = new LinkedHashMap<>();
        organizations.all().forEach(o -> known.put(o.id(), o));
        byte[] workbook = PlansWorkbook.write(
                chosen.id(), store.plans(chosen.id(), List.of(PlanState.values())), known, PlanPages.today(chosen));
        return ResponseEntity.ok()
                .contentType(
                        MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("plans-" + chosen.id() + ".xlsx")
                                .build()
                                .toString())
                .body(workbook);
    }

    private Organization visible(String id, PortalUser user) {
        return Viewers.visible(organizations.find(id), user);
    }

    private static String base(PortalUser user) {
        return Viewers.base(user);
    }
}
