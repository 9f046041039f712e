package ru.noko.gateway.page;

import static org.mockito.Mockito.when;

import java.util.Optional;
import ru.noko.gateway.registry.RegisteredOrganizations;
import ru.noko.methodology.registry.OrganizationType;

/** The registry as the page tests that need no Kafka stand it in: loaded, with one school, school-1. */
public final class SchoolInTheRegistry {

    private SchoolInTheRegistry() {}

    /** Makes the stand-in {@code organizations} know school-1, a general-education school in Irkutsk. */
    public static void schoolOne(RegisteredOrganizations organizations) {
        when(organizations.loaded()).thenReturn(true);
        when(organizations.find("school-1"))
                .thenReturn(Optional.of(new RegisteredOrganizations.Organization(
                        "school-1",
                        "МБОУ СОШ № 1",
                        Optional.of(OrganizationType.GENERAL),
                        "г. Иркутск",
                        "Иркутская область")));
    }
}
