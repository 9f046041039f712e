package ru.noko.dashboards.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import ru.noko.dashboards.grafana.Dashboard;
import ru.noko.dashboards.grafana.Json;
import ru.noko.dashboards.grafana.ProvisionedDataSource;
import ru.noko.dashboards.grafana.Provisioning;
import ru.noko.dashboards.grafana.Variable;
import ru.noko.dashboards.grafana.VariableSyntax;

/**
 * Resolves a data source reference {@code {"type": T, "uid": U}} the way Grafana will in the deployed system: U is the
 * uid of a provisioned data source of plugin T, or {@code ${x}} for a {@code datasource} variable x offering plugin T
 * whose saved selection (or, with none saved, Grafana's pick among the provisioned ones) is such a data source.
 */
final class DataSourceResolver {

    /** Grafana's own data sources, which exist without provisioning. */
    private static final Set<String> BUILT_IN = Set.of(
            "grafana/-- Grafana --",
            "grafana/grafana",
            "datasource/grafana",
            "datasource/-- Grafana --",
            "datasource/-- Mixed --",
            "datasource/-- Dashboard --",
            "__expr__/__expr__");

    static final String MIXED = "-- Mixed --";
    static final String DASHBOARD = "-- Dashboard --";

    private final Provisioning provisioning;

    DataSourceResolver(Provisioning provisioning) {
        this.provisioning = provisioning;
    }

    /** Why {@code reference} does not resolve in {@code dashboard}, or empty when it does. */
    Optional<String> problem(Dashboard dashboard, JsonNode reference) {
        if (reference.isTextual()) {
            return Optional.of("names its data source '" + reference.asText()
                    + "' by name; Grafana 11 and later want {\"type\": plugin id, \"uid\": uid}");
        }
        if (!reference.isObject()) {
            return Optional.of("data source is not a {\"type\", \"uid\"} reference");
        }
        String type = Json.text(reference.path("type"));
        String uid = Json.text(reference.path("uid"));
        if (BUILT_IN.contains(type + "/" + uid)) {
            return Optional.empty();
        }
        if (type.isEmpty() || uid.isEmpty()) {
            return Optional.of(
                    "data source " + reference + " lacks " + (type.isEmpty() ? "its type (plugin id)" : "its uid"));
        }
        List<VariableSyntax.Reference> variables = VariableSyntax.references(uid);
        if (variables.size() == 1 && variables.get(0).text().equals(uid)) {
            return throughVariable(dashboard, type, variables.get(0).name());
        }
        return provisioned(type, uid, "data source uid '" + uid + "'");
    }

    private Optional<String> throughVariable(Dashboard dashboard, String type, String name) {
        Optional<Variable> found = dashboard.variable(name);
        if (found.isEmpty()) {
            return Optional.of("data source $" + name + ": no variable is named '" + name + "'");
        }
        Variable variable = found.get();
        if (!variable.type().equals("datasource")) {
            return Optional.of(
                    "data source $" + name + " is a '" + variable.type() + "' variable, not a 'datasource' one");
        }
        if (!variable.pluginId().equals(type)) {
            return Optional.of("data source $" + name + " offers '" + variable.pluginId()
                    + "' data sources, the reference wants '" + type + "'");
        }
        String value = variable.currentValue();
        if (value.isEmpty()) {
            return ofType(type).isEmpty()
                    ? Optional.of("data source $" + name + " has no saved selection and no '" + type
                            + "' data source is provisioned for Grafana to pick")
                    : Optional.empty();
        }
        return provisioned(type, value, "data source $" + name + " selects '" + value + "', which");
    }

    private Optional<String> provisioned(String type, String uid, String subject) {
        Optional<ProvisionedDataSource> source = provisioning.dataSources().stream()
                .filter(candidate -> candidate.uid().equals(uid))
                .findFirst();
        if (source.isEmpty()) {
            return Optional.of(subject + " is not a provisioned data source (provisioned: " + provisionedList() + ")");
        }
        if (!source.get().type().equals(type)) {
            return Optional.of(
                    subject + " is a '" + source.get().type() + "' data source, the reference says '" + type + "'");
        }
        return Optional.empty();
    }

    boolean hasType(String type) {
        return !ofType(type).isEmpty();
    }

    private List<ProvisionedDataSource> ofType(String type) {
        return provisioning.dataSources().stream()
                .filter(source -> source.type().equals(type))
                .toList();
    }

    private String provisionedList() {
        String list = provisioning.dataSources().stream()
                .map(source -> source.uid() + " (" + source.type() + ")")
                .collect(Collectors.joining(", "));
        return list.isEmpty() ? "none" : list;
    }
}
