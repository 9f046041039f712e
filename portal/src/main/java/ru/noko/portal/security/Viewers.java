package ru.noko.portal.security;

import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import ru.noko.methodology.registry.Organization;

/**
 * Whose data a signed-in account may see: the operator and the ministry every organization's, a municipal analyst
 * its municipality's, an organization its own.
 */
public final class Viewers {

    private Viewers() {}

    public static boolean maySee(PortalUser user, Organization organization) {
        return switch (user.role()) {
            case REGION, MINISTRY -> true;
            case MUNICIPALITY -> organization.municipality().equals(user.municipality());
            case ORGANIZATION -> organization.id().equals(user.organizationId());
        };
    }

    /** The organization found, if the account may see it: 404 when there is none, 403 when it is another's. */
    public static Organization visible(Optional<Organization> found, PortalUser user) {
        Organization organization = found.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!maySee(user, organization)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Данные другой организации");
        }
        return organization;
    }

    /** Where the account's part of the portal begins: its routes, and the links on pages several roles share. */
    public static String base(PortalUser user) {
        return switch (user.role()) {
            case REGION -> "/operator";
            case MINISTRY -> "/ministry";
            case MUNICIPALITY -> "/municipality";
            case ORGANIZATION -> "/organization";
        };
    }
}
