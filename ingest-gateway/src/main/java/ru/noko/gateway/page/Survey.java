package ru.noko.gateway.page;

import org.springframework.web.reactive.function.server.ServerRequest;
import ru.noko.gateway.registry.RegisteredOrganizations.Organization;
import ru.noko.methodology.campaign.Campaign;

/** A page's campaign and organization, both known, and the request that asked for it. */
record Survey(Campaign campaign, Organization organization, ServerRequest request) {

    /** The page's own address: {@code /s/{campaign}/{organization}}. */
    String address() {
        return "/s/" + campaign.id() + "/" + organization.id();
    }
}
