package ru.noko.portal.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.registry.OrganizationRegistry;

/**
 * What confirming an upload would change, for the preview: organizations new to the portal, those whose data changed
 * (with what they were), and those the file no longer has.
 */
public record RegistryChanges(
        List<Organization> added, List<Change> changed, List<Organization> removed, int unchanged) {

    /** One organization before and after. */
    public record Change(Organization before, Organization after) {

        /** The fields that differ, in Russian. */
        public List<String> fields() {
            List<String> fields = new ArrayList<>();
            if (!before.name().equals(after.name())) {
                fields.add("название");
            }
            if (!before.inn().equals(after.inn())) {
                fields.add("ИНН");
            }
            if (before.type() != after.type()) {
                fields.add("тип");
            }
            if (!before.municipality().equals(after.municipality())) {
                fields.add("муниципалитет");
            }
            if (!before.region().equals(after.region())) {
                fields.add("регион");
            }
            if (!before.contingent().equals(after.contingent())) {
                fields.add("контингент");
            }
            return fields;
        }
    }

    public static RegistryChanges between(List<Organization> current, OrganizationRegistry uploaded) {
        Map<String, Organization> known =
                current.stream().collect(Collectors.toMap(Organization::id, Function.identity()));
        List<Organization> added = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        int unchanged = 0;
        for (Organization organization : uploaded.organizations()) {
            Organization before = known.get(organization.id());
            if (before == null) {
                added.add(organization);
            } else if (!before.equals(organization)) {
                changed.add(new Change(before, organization));
            } else {
                unchanged++;
            }
        }
        List<Organization> removed = current.stream()
                .filter(organization -> uploaded.find(organization.id()).isEmpty())
                .toList();
        return new RegistryChanges(added, changed, removed, unchanged);
    }

    public boolean nothing() {
        return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }
}
