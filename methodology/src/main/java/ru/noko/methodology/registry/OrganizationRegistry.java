package ru.noko.methodology.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The organizations of one assessment, looked up by the organization id that survey responses carry. */
public final class OrganizationRegistry {

    private final List<Organization> organizations;
    private final Map<String, Organization> byId;

    /** Keeps the organizations in the given order; two with one id are a programming error. */
    public OrganizationRegistry(List<Organization> organizations) {
        this.organizations = List.copyOf(organizations);
        Map<String, Organization> index = new LinkedHashMap<>();
        for (Organization organization : this.organizations) {
            if (index.putIfAbsent(organization.id(), organization) != null) {
                throw new IllegalArgumentException("Duplicate organization id: " + organization.id());
            }
        }
        this.byId = index;
    }

    /** Every organization, in the order of the file (or list) it came from. */
    public List<Organization> organizations() {
        return organizations;
    }

    /** The organization with exactly this id. */
    public Optional<Organization> find(String organizationId) {
        return Optional.ofNullable(byId.get(organizationId));
    }

    public int size() {
        return organizations.size();
    }
}
