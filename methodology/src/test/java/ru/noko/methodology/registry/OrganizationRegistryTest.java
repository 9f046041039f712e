package ru.noko.methodology.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrganizationRegistryTest {

    private static Organization organization(String id, Map<String, Integer> contingent) {
        return new Organization(
                id,
                "Школа " + id,
                "7707083893",
                OrganizationType.GENERAL,
                "г. Иркутск",
                "Иркутская область",
                contingent);
    }

    @Test
    void findsOrganizationsByIdAndKeepsTheirOrder() {
        Organization second = organization("school-2", Map.of("parent", 10));
        Organization first = organization("school-1", Map.of("parent", 20));
        OrganizationRegistry registry = new OrganizationRegistry(List.of(second, first));

        assertThat(registry.organizations()).containsExactly(second, first);
        assertThat(registry.size()).isEqualTo(2);
        assertThat(registry.find("school-1")).contains(first);
        assertThat(registry.find("School-1")).isEmpty();
    }

    @Test
    void rejectsTwoOrganizationsWithOneId() {
        List<Organization> twins = List.of(organization("school-1", Map.of()), organization("school-1", Map.of()));

        assertThatThrownBy(() -> new OrganizationRegistry(twins))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("school-1");
    }

    @Test
    void contingentIsSortedByRoleUnmodifiableAndZeroForAbsentRoles() {
        Organization school = organization("school-1", Map.of("teacher", 35, "parent", 420, "student", 0));

        assertThat(school.contingent()).containsExactly(Map.entry("parent", 420), Map.entry("teacher", 35));
        assertThat(school.contingent("student")).isZero();
        assertThat(school.contingent("graduate")).isZero();
        assertThatThrownBy(() -> school.contingent().put("student", 1))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aNegativeContingentIsAProgrammingError() {
        assertThatThrownBy(() -> organization("school-1", Map.of("parent", -1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void typesAreFoundByTheirCodeInAnyCase() {
        assertThat(OrganizationType.fromCode("preschool")).contains(OrganizationType.PRESCHOOL);
        assertThat(OrganizationType.fromCode("General")).contains(OrganizationType.GENERAL);
        assertThat(OrganizationType.fromCode("ADDITIONAL")).contains(OrganizationType.ADDITIONAL);
        assertThat(OrganizationType.fromCode("school")).isEmpty();
        assertThat(OrganizationType.fromCode(" general")).isEmpty();
        assertThat(OrganizationType.fromCode(null)).isEmpty();
        assertThat(OrganizationType.ADDITIONAL.russianName()).isEqualTo("организация дополнительного образования");
    }
}
