package ru.noko.dashboards.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One dashboard of the classic Grafana JSON model, read as plain JSON: the checks must see exactly what Grafana will
 * read, including fields a typed model would drop.
 *
 * @param file the file name, which every finding names
 */
public record Dashboard(String file, JsonNode json) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Dashboard read(Path file) {
        try {
            return new Dashboard(file.getFileName().toString(), JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboard " + file, e);
        }
    }

    public String uid() {
        return Json.text(json.path("uid"));
    }

    public String title() {
        return Json.text(json.path("title"));
    }

    public List<String> tags() {
        return Json.elements(json.path("tags")).stream().map(Json::text).toList();
    }

    /** The variables in the order of {@code templating.list}, which is the order Grafana resolves them in. */
    public List<Variable> variables() {
        List<JsonNode> list = Json.elements(json.path("templating").path("list"));
        List<Variable> variables = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            variables.add(new Variable(i, list.get(i)));
        }
        return variables;
    }

    public Optional<Variable> variable(String name) {
        return variables().stream()
                .filter(variable -> variable.name().equals(name))
                .findFirst();
    }

    /** The panels at the top of the grid, rows included; the panels inside a collapsed row are not among them. */
    public List<Panel> topLevelPanels() {
        List<JsonNode> list = Json.elements(json.path("panels"));
        List<Panel> panels = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            panels.add(new Panel(list.get(i), "/panels/" + i, null));
        }
        return panels;
    }

    /** Every panel: each top-level one, followed, for a collapsed row, by the panels it holds. */
    public List<Panel> panels() {
        List<Panel> panels = new ArrayList<>();
        for (Panel panel : topLevelPanels()) {
            panels.add(panel);
            panels.addAll(panel.nested());
        }
        return panels;
    }

    /** The links above the grid ({@code links}), to other dashboards by tag or to a URL. */
    public List<Link> links() {
        List<JsonNode> list = Json.elements(json.path("links"));
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            links.add(new Link(
                    "dashboard link " + (i + 1)
                            + Json.quoted(Json.text(list.get(i).path("title"))),
                    list.get(i)));
        }
        return links;
    }

    /** The annotation queries ({@code annotations.list}), Grafana's built-in one included. */
    public List<JsonNode> annotations() {
        return Json.elements(json.path("annotations").path("list"));
    }
}
