package ru.noko.portal.organization;

import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import ru.noko.methodology.registry.Organization;
import ru.noko.portal.registry.RegisteredOrganizations;
import ru.noko.portal.security.PortalUser;

/** An organization's own page and poster: its own only, since nothing here takes an organization from the request. */
@Controller
class OrganizationController {

    private final RegisteredOrganizations organizations;
    private final OrganizationPages pages;
    private final Posters posters;

    OrganizationController(RegisteredOrganizations organizations, OrganizationPages pages, Posters posters) {
        this.organizations = organizations;
        this.pages = pages;
        this.posters = posters;
    }

    @GetMapping("/organization")
    String page(@AuthenticationPrincipal PortalUser user, Model model) {
        return pages.show(own(user), "/organization/campaigns", "/organization/self-assessments/", model);
    }

    @GetMapping("/organization/campaigns/{campaign}/poster.pdf")
    ResponseEntity<byte[]> poster(@PathVariable String campaign, @AuthenticationPrincipal PortalUser user)
            throws IOException {
        return posters.poster(campaign, own(user));
    }

    private Organization own(PortalUser user) {
        return organizations
                .find(user.organizationId())
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "Организации этой учётной записи нет в реестре"));
    }
}
