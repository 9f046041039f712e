package ru.noko.dashboards.check;

import java.util.List;

/** Every static check, in the order a report lists them. */
public final class Checks {

    private Checks() {}

    public static List<Check> all() {
        return List.of(
                new IdentityCheck(),
                new GridCheck(),
                new VariableCheck(),
                new DataSourceCheck(),
                new LinkCheck(),
                new ProvisioningCheck());
    }
}
