package ru.noko.portal.operator;

import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import ru.noko.methodology.registry.Organization;
import ru.noko.portal.audit.AuditLog;
import ru.noko.portal.campaign.CampaignCatalog;
import ru.noko.portal.organization.OrganizationPages;
import ru.noko.portal.organization.Posters;
import ru.noko.portal.registry.ListPage;
import ru.noko.portal.registry.RegisteredOrganizations;

/**
 * The regional operator's start page and the region's organizations: searched and paged (a region has thousands),
 * each one's page, and the posters of a campaign, every organization's in one zip.
 */
@Controller
class OperatorController {

    static final int PAGE = 100;

    private final RegisteredOrganizations organizations;
    private final CampaignCatalog campaigns;
    private final OrganizationPages pages;
    private final Posters posters;
    private final AuditLog audit;

    OperatorController(
            RegisteredOrganizations organizations,
            CampaignCatalog campaigns,
            OrganizationPages pages,
            Posters posters,
            AuditLog audit) {
        this.organizations = organizations;
        this.campaigns = campaigns;
        this.pages = pages;
        this.posters = posters;
        this.audit = audit;
    }

    @GetMapping("/operator")
    String home(Model model) {
        model.addAttribute("organizations", organizations.count());
        model.addAttribute("campaigns", campaigns.all());
        return "operator/home";
    }

    @GetMapping("/operator/organizations")
    String list(
            @RequestParam(required = false, defaultValue = "") String search,
            @RequestParam(required = false, defaultValue = "0") int page,
            Model model) {
        ListPage shown = ListPage.of(page, organizations.count(search), PAGE);
        model.addAttribute("organizations", organizations.page(search, shown.offset(), PAGE));
        shown.show(model, search);
        return "operator/organizations";
    }

    @GetMapping("/operator/organizations/{id}")
    String organization(@PathVariable String id, Model model) {
        Organization organization =
                organizations.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return pages.show(
                organization,
                "/operator/organizations/" + id + "/campaigns",
                "/operator/organizations/" + id + "/self-assessments/",
                model);
    }

    @GetMapping("/operator/organizations/{id}/campaigns/{campaign}/poster.pdf")
    ResponseEntity<byte[]> poster(@PathVariable String id, @PathVariable String campaign) throws IOException {
        Organization organization =
                organizations.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return posters.poster(campaign, organization);
    }

    @GetMapping("/operator/campaigns/{campaign}/posters.zip")
    ResponseEntity<StreamingResponseBody> zip(@PathVariable String campaign) {
        List<Organization> all = organizations.all();
        if (all.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Реестр пуст: плакатов нет");
        }
        audit.record(AuditLog.Action.POSTERS_DOWNLOADED, campaign, null, all.size() + " плакатов");
        return posters.zip(campaign, all);
    }
}
