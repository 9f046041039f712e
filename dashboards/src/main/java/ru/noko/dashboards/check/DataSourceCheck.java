package ru.noko.dashboards.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import ru.noko.dashboards.grafana.Catalog;
import ru.noko.dashboards.grafana.Dashboard;
import ru.noko.dashboards.grafana.Json;
import ru.noko.dashboards.grafana.Panel;
import ru.noko.dashboards.grafana.Variable;

/**
 * Every data source a panel, query, variable or annotation names is one Grafana provisions (see
 * {@link DataSourceResolver}). A dashboard exported from another Grafana carries that Grafana's uids; here it would
 * show "data source not found" on every panel.
 */
final class DataSourceCheck implements Check {

    /** Panels that query no data source: text, a list of dashboards, alerts or annotations, a news feed. */
    private static final Set<String> WITHOUT_DATA = Set.of("text", "dashlist", "news", "alertlist", "annolist");

    /** Variables whose options come from a data source. */
    private static final Set<String> QUERYING_VARIABLES = Set.of("query", "adhoc", "groupby");

    @Override
    public String name() {
        return "every data source provisioned";
    }

    @Override
    public List<Finding> check(Catalog catalog) {
        DataSourceResolver resolver = new DataSourceResolver(catalog.provisioning());
        List<Finding> findings = new ArrayList<>();
        for (Dashboard dashboard : catalog.dashboards()) {
            for (Panel panel : dashboard.panels()) {
                findings.addAll(panel(dashboard, panel, resolver));
            }
            for (Variable variable : dashboard.variables()) {
                findings.addAll(variable(dashboard, variable, resolver));
            }
            for (JsonNode annotation : dashboard.annotations()) {
                String where = "annotation" + Json.quoted(Json.text(annotation.path("name")));
                findings.addAll(reference(dashboard, where, annotation.path("datasource"), true, resolver));
            }
        }
        return findings;
    }

    private static List<Finding> panel(Dashboard dashboard, Panel panel, DataSourceResolver resolver) {
        boolean needsData = !panel.isRow() && !WITHOUT_DATA.contains(panel.type());
        List<Finding> findings =
                new ArrayList<>(reference(dashboard, panel.label(), panel.datasource(), needsData, resolver));
        String uid = Json.text(panel.datasource().path("uid"));
        List<JsonNode> targets = panel.targets();
        for (int i = 0; i < targets.size(); i++) {
            String where = panel.label() + " query " + Json.text(targets.get(i).path("refId"));
            // A mixed panel has no data source of its own: each query must name one.
            findings.addAll(reference(
                    dashboard,
                    where,
                    targets.get(i).path("datasource"),
                    uid.equals(DataSourceResolver.MIXED),
                    resolver));
            if (uid.equals(DataSourceResolver.DASHBOARD)) {
                findings.addAll(reusedPanel(dashboard, where, targets.get(i)));
            }
        }
        return findings;
    }

    /** The "-- Dashboard --" data source shows another panel's results: that panel must exist. */
    private static List<Finding> reusedPanel(Dashboard dashboard, String where, JsonNode target) {
        JsonNode panelId = target.path("panelId");
        Set<Integer> ids = dashboard.panels().stream()
                .filter(panel -> panel.id().isPresent())
                .map(panel -> panel.id().getAsInt())
                .collect(Collectors.toSet());
        if (!panelId.isIntegralNumber() || !ids.contains(panelId.asInt())) {
            return List.of(new Finding(
                    dashboard.file(),
                    where,
                    "reuses the results of panel " + panelId + ", which this dashboard does not have"));
        }
        return List.of();
    }

    private static List<Finding> variable(Dashboard dashboard, Variable variable, DataSourceResolver resolver) {
        String where = "variable " + variable.name();
        if (variable.type().equals("datasource") && !resolver.hasType(variable.pluginId())) {
            return List.of(new Finding(
                    dashboard.file(),
                    where,
                    "offers '" + variable.pluginId() + "' data sources, and none is provisioned"));
        }
        return reference(
                dashboard, where, variable.datasource(), QUERYING_VARIABLES.contains(variable.type()), resolver);
    }

    private static List<Finding> reference(
            Dashboard dashboard, String where, JsonNode reference, boolean required, DataSourceResolver resolver) {
        if (reference.isMissingNode() || reference.isNull()) {
            return required ? List.of(new Finding(dashboard.file(), where, "names no data source")) : List.of();
        }
        return resolver.problem(dashboard, reference)
                .map(problem -> List.of(new Finding(dashboard.file(), where, problem)))
                .orElse(List.of());
    }
}
