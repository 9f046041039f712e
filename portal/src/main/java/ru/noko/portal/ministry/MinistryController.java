package ru.noko.portal.ministry;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import ru.noko.methodology.registry.Organization;
import ru.noko.portal.campaign.CampaignCatalog;
import ru.noko.portal.organization.OrganizationPages;
import ru.noko.portal.registry.ListPage;
import ru.noko.portal.registry.ListedOrganization;
import ru.noko.portal.registry.RegisteredOrganizations;

/** The ministry's read-only view of the whole region: its municipalities and organizations, and the campaigns. */
@Controller
class MinistryController {

    private static final int PAGE = 200;

    private final RegisteredOrganizations organizations;
    private final CampaignCatalog campaigns;
    private final OrganizationPages pages;

    MinistryController(RegisteredOrganizations organizations, CampaignCatalog campaigns, OrganizationPages pages) {
        this.organizations = organizations;
        this.campaigns = campaigns;
        this.pages = pages;
    }

    /** The region's organizations, a page at a time (by municipality and name), with a search. */
    @GetMapping("/ministry")
    String region(
            @RequestParam(required = false, defaultValue = "") String search,
            @RequestParam(required = false, defaultValue = "0") int page,
            Model model) {
        ListPage shown = ListPage.of(page, organizations.count(search), PAGE);
        Map<String, List<ListedOrganization>> byMunicipality = organizations.page(search, shown.offset(), PAGE).stream()
                .collect(Collectors.groupingBy(ListedOrganization::municipality, TreeMap::new, Collectors.toList()));
        model.addAttribute("municipalities", byMunicipality);
        shown.show(model, search);
        model.addAttribute("campaigns", campaigns.all());
        return "ministry/region";
    }

    @GetMapping("/ministry/organizations/{id}")
    String organization(@PathVariable String id, Model model) {
        Organization organization =
                organizations.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return pages.show(
                organization, null, "/ministry/organizations/" + organization.id() + "/self-assessments/", model);
    }
}
