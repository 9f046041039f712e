package ru.noko.dashboards.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A panel or a row of a dashboard's grid.
 *
 * @param pointer the JSON pointer to the panel in its dashboard, e.g. {@code /panels/4/panels/0}
 * @param row the collapsed row that holds this panel, or null for a panel on the grid itself
 */
public record Panel(JsonNode json, String pointer, Panel row) {

    public OptionalInt id() {
        JsonNode id = json.path("id");
        return id.isIntegralNumber() ? OptionalInt.of(id.asInt()) : OptionalInt.empty();
    }

    public String title() {
        return Json.text(json.path("title"));
    }

    /** The visualization's plugin id: {@code timeseries}, {@code stat}, {@code table}, {@code text}, {@code row}… */
    public String type() {
        return Json.text(json.path("type"));
    }

    public boolean isRow() {
        return type().equals("row");
    }

    public boolean collapsed() {
        return json.path("collapsed").asBoolean(false);
    }

    /** The panels a collapsed row holds; Grafana keeps an expanded row's panels on the grid after it instead. */
    public List<Panel> nested() {
        List<JsonNode> list = Json.elements(json.path("panels"));
        List<Panel> panels = new ArrayList<>();
        if (isRow()) {
            for (int i = 0; i < list.size(); i++) {
                panels.add(new Panel(list.get(i), pointer + "/panels/" + i, this));
            }
        }
        return panels;
    }

    public Optional<GridPos> gridPos() {
        return GridPos.of(json.path("gridPos"));
    }

    public JsonNode datasource() {
        return json.path("datasource");
    }

    public List<JsonNode> targets() {
        return Json.elements(json.path("targets"));
    }

    /** The variable the panel (or row) is repeated for, or empty. */
    public String repeat() {
        return Json.text(json.path("repeat"));
    }

    /** Panel links ({@code links}) and data links ({@code fieldConfig} defaults and overrides), each named. */
    public List<Link> links() {
        List<Link> links = new ArrayList<>();
        List<JsonNode> panelLinks = Json.elements(json.path("links"));
        for (int i = 0; i < panelLinks.size(); i++) {
            links.add(new Link(
                    label() + " link " + (i + 1)
                            + Json.quoted(Json.text(panelLinks.get(i).path("title"))),
                    panelLinks.get(i)));
        }
        JsonNode fieldConfig = json.path("fieldConfig");
        for (JsonNode link : Json.elements(fieldConfig.path("defaults").path("links"))) {
            links.add(new Link(label() + " data link" + Json.quoted(Json.text(link.path("title"))), link));
        }
        for (JsonNode override : Json.elements(fieldConfig.path("overrides"))) {
            for (JsonNode property : Json.elements(override.path("properties"))) {
                if (Json.text(property.path("id")).equals("links")) {
                    for (JsonNode link : Json.elements(property.path("value"))) {
                        links.add(new Link(
                                label() + " data link" + Json.quoted(Json.text(link.path("title"))) + " (override)",
                                link));
                    }
                }
            }
        }
        return links;
    }

    /** How findings name the panel: {@code panel 4 «Охват по муниципалитетам»}, {@code row 7 «Итоги»}. */
    public String label() {
        String kind = isRow() ? "row" : "panel";
        String id = id().isPresent() ? " " + id().getAsInt() : " at " + pointer;
        return kind + id + Json.quoted(title());
    }
}
