package ru.noko.dashboards.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A template variable ({@code templating.list[index]}).
 */
public record Variable(int index, JsonNode json) {

    /** The members whose text Grafana interpolates when it resolves the variable itself. */
    private static final List<String> INTERPOLATED = List.of("query", "definition", "regex", "datasource");

    public String name() {
        return Json.text(json.path("name"));
    }

    /** {@code query}, {@code custom}, {@code datasource}, {@code constant}, {@code textbox}, {@code interval}… */
    public String type() {
        return Json.text(json.path("type"));
    }

    public String label() {
        return Json.text(json.path("label"));
    }

    public String pointer() {
        return "/templating/list/" + index;
    }

    /** For a {@code datasource} variable, the plugin id whose data sources it offers. */
    public String pluginId() {
        return json.path("query").isTextual() ? json.path("query").asText() : "";
    }

    public JsonNode datasource() {
        return json.path("datasource");
    }

    /**
     * Whether the variable shows in the bar above the grid: not when hidden ({@code hide} 2), moved to the controls
     * menu (3), or a constant, which Grafana never shows.
     */
    public boolean shownInBar() {
        int hide = json.path("hide").asInt(0);
        return hide != 2 && hide != 3 && !type().equals("constant");
    }

    /** The saved selection's value: {@code current.value}, several joined by commas; empty when none is saved. */
    public String currentValue() {
        return joined(json.path("current").path("value"));
    }

    /** The saved selection as the dropdown shows it ({@code current.text}). */
    public String currentText() {
        return joined(json.path("current").path("text"));
    }

    /** The texts Grafana interpolates to resolve this variable: its query, definition, regex and data source. */
    public List<Json.StringAt> interpolated() {
        List<Json.StringAt> strings = new ArrayList<>();
        for (String member : INTERPOLATED) {
            strings.addAll(Json.strings(json.path(member), pointer() + "/" + member, Set.of()));
        }
        return strings;
    }

    private static String joined(JsonNode node) {
        if (node.isArray()) {
            return Json.elements(node).stream().map(Json::text).collect(Collectors.joining(", "));
        }
        return Json.text(node);
    }
}
