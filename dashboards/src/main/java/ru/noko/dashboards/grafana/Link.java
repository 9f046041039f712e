package ru.noko.dashboards.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A link on a dashboard: above the grid, in a panel's header, or a data link on a panel's values.
 *
 * @param label how findings name the link, e.g. {@code panel 4 «Охват» data link «Открыть организацию»}
 */
public record Link(String label, JsonNode json) {

    /** {@code link} (to a URL) or {@code dashboards} (to the dashboards carrying tags); panel and data links have a URL. */
    public String type() {
        String type = Json.text(json.path("type"));
        return type.isEmpty() ? "link" : type;
    }

    public String title() {
        return Json.text(json.path("title"));
    }

    public String url() {
        return Json.text(json.path("url"));
    }

    public List<String> tags() {
        return Json.elements(json.path("tags")).stream().map(Json::text).toList();
    }
}
