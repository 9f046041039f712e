package ru.noko.dashboards.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import ru.noko.dashboards.grafana.BuiltInVariables;
import ru.noko.dashboards.grafana.Catalog;
import ru.noko.dashboards.grafana.Dashboard;
import ru.noko.dashboards.grafana.Json;
import ru.noko.dashboards.grafana.Link;
import ru.noko.dashboards.grafana.Panel;
import ru.noko.dashboards.grafana.Variable;
import ru.noko.dashboards.grafana.VariableSyntax;

/**
 * Every variable a dashboard uses is defined, and defined before it is used. Grafana resolves {@code templating.list}
 * top down, so a variable's query may use only the variables above it; a name no variable defines is sent to the
 * data source as it stands ({@code WHERE organization_id = '$organizaton'}) and the panel is quietly empty.
 */
final class VariableCheck implements Check {

    /** A name the reference syntax can reach; Grafana keeps names starting with "__" for its own. */
    private static final Pattern NAME = Pattern.compile("(?!__)\\w+");

    @Override
    public String name() {
        return "every variable defined before use";
    }

    @Override
    public List<Finding> check(Catalog catalog) {
        List<Finding> findings = new ArrayList<>();
        for (Dashboard dashboard : catalog.dashboards()) {
            findings.addAll(definitions(dashboard));
            Set<String> defined =
                    dashboard.variables().stream().map(Variable::name).collect(Collectors.toSet());
            for (Panel panel : dashboard.panels()) {
                // A row's panels are checked as panels of their own.
                findings.addAll(uses(
                        dashboard,
                        panel.label(),
                        Json.strings(panel.json(), panel.pointer(), panel.isRow() ? Set.of("panels") : Set.of()),
                        defined));
                if (!panel.repeat().isEmpty() && !defined.contains(panel.repeat())) {
                    findings.add(new Finding(
                            dashboard.file(),
                            panel.label(),
                            "repeats for '" + panel.repeat() + "', which no variable defines"));
                }
            }
            for (Link link : dashboard.links()) {
                findings.addAll(uses(dashboard, link.label(), Json.strings(link.json(), "", Set.of()), defined));
            }
            List<JsonNode> annotations = dashboard.annotations();
            for (int i = 0; i < annotations.size(); i++) {
                String label =
                        "annotation" + Json.quoted(Json.text(annotations.get(i).path("name")));
                findings.addAll(uses(
                        dashboard,
                        label,
                        Json.strings(annotations.get(i), "/annotations/list/" + i, Set.of()),
                        defined));
            }
        }
        return findings;
    }

    /** Names are usable and unique, and each variable uses only the variables above it. */
    private static List<Finding> definitions(Dashboard dashboard) {
        List<Finding> findings = new ArrayList<>();
        Set<String> above = new HashSet<>();
        Map<String, Integer> indexByName = dashboard.variables().stream()
                .collect(Collectors.toMap(Variable::name, Variable::index, (first, later) -> first));
        for (Variable variable : dashboard.variables()) {
            String where = "variable " + (variable.name().isEmpty() ? "at " + variable.pointer() : variable.name());
            if (!NAME.matcher(variable.name()).matches()) {
                findings.add(new Finding(
                        dashboard.file(),
                        where,
                        "a variable's name is letters, digits and '_', not starting with '__'"));
            } else if (above.contains(variable.name())) {
                findings.add(new Finding(dashboard.file(), where, "is defined twice"));
            }
            for (Json.StringAt text : variable.interpolated()) {
                for (String name : names(text.value())) {
                    if (BuiltInVariables.contains(name) || above.contains(name)) {
                        continue;
                    }
                    Integer index = indexByName.get(name);
                    findings.add(new Finding(
                            dashboard.file(),
                            where,
                            "uses $" + name + " in " + text.pointer() + ", "
                                    + (index == null
                                            ? "which no variable defines"
                                            : name.equals(variable.name())
                                                    ? "itself"
                                                    : "which is defined after it (templating.list[" + index + "])")));
                }
            }
            above.add(variable.name());
        }
        return findings;
    }

    private static List<Finding> uses(
            Dashboard dashboard, String where, List<Json.StringAt> texts, Set<String> defined) {
        List<Finding> findings = new ArrayList<>();
        for (Json.StringAt text : texts) {
            for (String name : names(text.value())) {
                if (!BuiltInVariables.contains(name) && !defined.contains(name)) {
                    findings.add(new Finding(
                            dashboard.file(),
                            where,
                            "uses $" + name + " in " + text.pointer() + ", which no variable defines"));
                }
            }
        }
        return findings;
    }

    /** The names a text refers to, each once. */
    private static Set<String> names(String text) {
        return VariableSyntax.references(text).stream()
                .map(VariableSyntax.Reference::name)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
