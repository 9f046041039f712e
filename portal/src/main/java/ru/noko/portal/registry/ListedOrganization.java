package ru.noko.portal.registry;

import ru.noko.methodology.registry.OrganizationType;

/** An organization as a list shows it: what the list's index holds, so a page is read from the index alone. */
public record ListedOrganization(String id, String name, OrganizationType type, String municipality, String inn) {}
