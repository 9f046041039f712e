package ru.noko.methodology.registry;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An educational organization taking part in the assessment, with how many people of each respondent role it has.
 *
 * @param id the organization id used in survey responses and as the Kafka key
 * @param name the full name, as people know it
 * @param inn the taxpayer number (ИНН); branches may share their parent's
 * @param type the kind of organization
 * @param municipality the municipality (район, городской округ) it belongs to
 * @param region the subject of the Russian Federation it belongs to
 * @param contingent respondent role → number of people (e.g. {@code parent} → 420), unmodifiable, sorted by role;
 *     roles with nobody in them are left out, so an explicit 0 and an absent role mean the same
 */
public record Organization(
        String id,
        String name,
        String inn,
        OrganizationType type,
        String municipality,
        String region,
        Map<String, Integer> contingent) {

    public Organization {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(inn, "inn");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(contingent, "contingent");
        TreeMap<String, Integer> sorted = new TreeMap<>();
        contingent.forEach((role, people) -> {
            Objects.requireNonNull(role, "contingent role");
            Objects.requireNonNull(people, "contingent of " + role);
            if (people < 0) {
                throw new IllegalArgumentException("Negative contingent for role " + role + ": " + people);
            }
            // A role nobody holds is the same as an absent one; dropping it keeps equality independent of the file.
            if (people > 0) {
                sorted.put(role, people);
            }
        });
        contingent = Collections.unmodifiableSortedMap(sorted);
    }

    /** How many people of this respondent role the organization has; 0 when the role does not apply. */
    public int contingent(String role) {
        return contingent.getOrDefault(role, 0);
    }
}
