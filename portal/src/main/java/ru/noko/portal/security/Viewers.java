package ru.noko.portal.security;

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
}
