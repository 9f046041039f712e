package ru.noko.portal.municipality;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import ru.noko.methodology.registry.Organization;
import ru.noko.portal.organization.OrganizationPages;
import ru.noko.portal.organization.Posters;
import ru.noko.portal.registry.RegisteredOrganizations;
import ru.noko.portal.security.PortalUser;
import ru.noko.portal.system.PortalSettings;

/**
 * A municipal analyst's pages: its municipality's organizations (each one's page as the organization sees it, never
 * another municipality's), and links into the Grafana dashboards filtered to the municipality.
 */
@Controller
class MunicipalityController {

    private final RegisteredOrganizations organizations;
    private final OrganizationPages pages;
    private final Posters posters;
    private final PortalSettings settings;

    MunicipalityController(
            RegisteredOrganizations organizations, OrganizationPages pages, Posters posters, PortalSettings settings) {
        this.organizations = organizations;
        this.pages = pages;
        this.posters = posters;
        this.settings = settings;
    }

    @GetMapping("/municipality")
    String list(@AuthenticationPrincipal PortalUser user, Model model) {
        List<Organization> own = organizations.inMunicipality(user.municipality());
        model.addAttribute("municipality", user.municipality());
        model.addAttribute("organizations", own);
        String filter = "var-municipality=" + URLEncoder.encode(user.municipality(), StandardCharsets.UTF_8);
        model.addAttribute("grafana", settings.grafana().orElse(null));
        model.addAttribute(
                "progress",
                settings.grafana().map(g -> g + "/d/noko-progress?" + filter).orElse(null));
        model.addAttribute(
                "results",
                settings.grafana().map(g -> g + "/d/noko-results?" + filter).orElse(null));
        model.addAttribute("filter", filter);
        return "municipality/list";
    }

    @GetMapping("/municipality/organizations/{id}")
    String organization(@PathVariable String id, @AuthenticationPrincipal PortalUser user, Model model) {
        return pages.show(
                inMunicipality(id, user),
                "/municipality/organizations/" + id + "/campaigns",
                "/municipality/organizations/" + id + "/self-assessments/",
                model);
    }

    @GetMapping("/municipality/organizations/{id}/campaigns/{campaign}/poster.pdf")
    ResponseEntity<byte[]> poster(
            @PathVariable String id, @PathVariable String campaign, @AuthenticationPrincipal PortalUser user)
            throws IOException {
        return posters.poster(campaign, inMunicipality(id, user));
    }

    /** The organization, if it is the analyst's municipality's; another one's is forbidden, not merely absent. */
    private Organization inMunicipality(String id, PortalUser user) {
        Organization organization =
                organizations.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!organization.municipality().equals(user.municipality())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Организация другого муниципалитета");
        }
        return organization;
    }
}
