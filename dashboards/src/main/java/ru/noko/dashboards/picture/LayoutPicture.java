package ru.noko.dashboards.picture;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ru.noko.dashboards.grafana.Dashboard;
import ru.noko.dashboards.grafana.GridPos;
import ru.noko.dashboards.grafana.Json;
import ru.noko.dashboards.grafana.Link;
import ru.noko.dashboards.grafana.Panel;
import ru.noko.dashboards.grafana.Variable;

/**
 * Draws a dashboard's layout as Grafana would lay it out, from the JSON alone: the title and time range, the variables'
 * dropdowns and the dashboard links, then the 24-column grid with each panel's title and visualization type and each
 * row's header. Grafana's own measures: a grid unit is 30 px high with 8 px between panels.
 */
public final class LayoutPicture {

    private static final int MARGIN = 16;
    private static final int COLUMN = 50;
    private static final int UNIT = 30;
    private static final int GAP = 8;
    private static final int WIDTH = 2 * MARGIN + GridPos.COLUMNS * COLUMN - GAP;
    private static final int CHIP_HEIGHT = 26;

    private static final String INK = "#1f2933";
    private static final String MUTED = "#6b7785";
    private static final String LINE = "#c7d0d9";
    private static final String LINK = "#1f62e0";

    private LayoutPicture() {}

    public static String render(Dashboard dashboard) {
        List<Chip> chips = chips(dashboard);
        int gridTop = MARGIN + 40 + flow(chips) + 12;
        int rows = dashboard.topLevelPanels().stream()
                .map(Panel::gridPos)
                .flatMap(Optional::stream)
                .mapToInt(GridPos::bottom)
                .max()
                .orElse(1);
        int height = gridTop + rows * (UNIT + GAP) + MARGIN;

        Svg svg = new Svg(
                WIDTH,
                height,
                dashboard.title(),
                "Layout of the Grafana dashboard '" + dashboard.uid() + "', drawn from dashboards/json/"
                        + dashboard.file() + " by ./noko dashboards-pictures; do not edit.");
        svg.rect(0, 0, WIDTH, height, "#f7f8fa", null, 0);
        header(svg, dashboard);
        drawChips(svg, chips);
        grid(svg, gridTop, rows);
        for (Panel panel : dashboard.topLevelPanels()) {
            panel.gridPos().ifPresent(pos -> {
                if (panel.isRow()) {
                    row(svg, panel, gridTop, pos);
                } else {
                    panel(svg, panel, gridTop, pos);
                }
            });
        }
        return svg.end();
    }

    private static void header(Svg svg, Dashboard dashboard) {
        svg.text(
                MARGIN,
                MARGIN + 22,
                TextMeasure.truncate(dashboard.title(), WIDTH - 2 * MARGIN - 260, 20, true),
                20,
                true,
                INK,
                "start");
        String from = Json.text(dashboard.json().path("time").path("from"));
        String to = Json.text(dashboard.json().path("time").path("to"));
        String refresh = Json.text(dashboard.json().path("refresh"));
        String time = from.isEmpty() ? "" : from + " → " + to;
        if (!refresh.isEmpty() && !refresh.equals("false")) {
            time += " · ⟳ " + refresh;
        }
        svg.text(WIDTH - MARGIN, MARGIN + 20, time, 12, false, MUTED, "end");
    }

    /** A variable's dropdown (its label, then its saved selection) or a dashboard link, in the bar above the grid. */
    private record Chip(String label, String value, boolean link) {

        double labelWidth() {
            return Math.ceil(TextMeasure.width(label, 12, false) + 16);
        }

        double width() {
            return value == null ? labelWidth() : labelWidth() + Math.ceil(TextMeasure.width(value, 12, false) + 16);
        }
    }

    private static List<Chip> chips(Dashboard dashboard) {
        List<Chip> chips = new ArrayList<>();
        for (Variable variable : dashboard.variables()) {
            if (variable.shownInBar()) {
                String label = variable.label().isEmpty() ? variable.name() : variable.label();
                String value = variable.currentText().isEmpty() ? "…" : variable.currentText();
                chips.add(new Chip(label, TextMeasure.truncate(value, 220, 12, false) + " ▾", false));
            }
        }
        for (Link link : dashboard.links()) {
            String title = !link.title().isEmpty()
                    ? link.title()
                    : link.type().equals("dashboards") ? "dashboards " + link.tags() : link.url();
            boolean dropdown = link.type().equals("dashboards")
                    && link.json().path("asDropdown").asBoolean(false);
            chips.add(new Chip(
                    (link.type().equals("dashboards") ? "☰ " : "↗ ") + title + (dropdown ? " ▾" : ""), null, true));
        }
        return chips;
    }

    /** The height the chips take when laid out left to right, wrapping at the picture's width. */
    private static int flow(List<Chip> chips) {
        return positions(chips).isEmpty() ? 0 : positions(chips).get(chips.size() - 1)[1] + CHIP_HEIGHT;
    }

    /** Each chip's x and its top relative to the bar. */
    private static List<int[]> positions(List<Chip> chips) {
        List<int[]> positions = new ArrayList<>();
        double x = MARGIN;
        int y = 0;
        for (Chip chip : chips) {
            double width = chip.width();
            if (x > MARGIN && x + width > WIDTH - MARGIN) {
                x = MARGIN;
                y += CHIP_HEIGHT + 6;
            }
            positions.add(new int[] {(int) x, y});
            x += width + 8;
        }
        return positions;
    }

    private static void drawChips(Svg svg, List<Chip> chips) {
        List<int[]> positions = positions(chips);
        int top = MARGIN + 40;
        for (int i = 0; i < chips.size(); i++) {
            Chip chip = chips.get(i);
            int x = positions.get(i)[0];
            int y = top + positions.get(i)[1];
            svg.rect(x, y, chip.width(), CHIP_HEIGHT, "#ffffff", LINE, 3);
            if (chip.link()) {
                svg.text(x + 8, y + 17, chip.label(), 12, false, LINK, "start");
            } else {
                svg.rect(x, y, chip.labelWidth(), CHIP_HEIGHT, "#e9edf2", LINE, 3);
                svg.text(x + 8, y + 17, chip.label(), 12, false, INK, "start");
                svg.text(x + chip.labelWidth() + 8, y + 17, chip.value(), 12, false, INK, "start");
            }
        }
    }

    /** Faint column lines, so that widths in grid units can be read off the picture. */
    private static void grid(Svg svg, int top, int rows) {
        int bottom = top + rows * (UNIT + GAP) - GAP;
        for (int column = 0; column <= GridPos.COLUMNS; column++) {
            double x = MARGIN + column * COLUMN - GAP / 2.0;
            svg.line(x, top, x, bottom, column % 6 == 0 ? "#dde3ea" : "#eef1f4");
        }
    }

    private static void row(Svg svg, Panel row, int gridTop, GridPos pos) {
        int y = gridTop + pos.y() * (UNIT + GAP);
        String title = (row.collapsed() ? "▸ " : "▾ ") + row.title();
        List<String> notes = new ArrayList<>();
        if (row.collapsed()) {
            notes.add("collapsed, " + row.nested().size() + (row.nested().size() == 1 ? " panel" : " panels"));
        }
        if (!row.repeat().isEmpty()) {
            notes.add("repeated for $" + row.repeat());
        }
        svg.text(
                MARGIN,
                y + 20,
                TextMeasure.truncate(title, WIDTH - 2 * MARGIN - 300, 15, true),
                15,
                true,
                INK,
                "start");
        if (!notes.isEmpty()) {
            svg.text(WIDTH - MARGIN, y + 20, String.join(" · ", notes), 12, false, MUTED, "end");
        }
        svg.line(MARGIN, y + UNIT - 2, WIDTH - MARGIN, y + UNIT - 2, LINE);
    }

    private static void panel(Svg svg, Panel panel, int gridTop, GridPos pos) {
        double x = MARGIN + pos.x() * COLUMN;
        double y = gridTop + pos.y() * (UNIT + GAP);
        double width = pos.w() * COLUMN - GAP;
        double height = pos.h() * (UNIT + GAP) - GAP;
        boolean transparent = panel.json().path("transparent").asBoolean(false);
        svg.rect(x, y, width, height, transparent ? "#f7f8fa" : "#ffffff", LINE, 4);
        double textWidth = width - 16;
        // The type line sits at the bottom; the title takes what is left above it, a line per 17 px.
        int titleLines = (int) Math.max(1, Math.floor((height - (pos.h() > 1 ? 30 : 8)) / 17));
        List<String> title = TextMeasure.wrap(panel.title(), textWidth, 13, true, titleLines);
        for (int i = 0; i < title.size(); i++) {
            svg.text(x + 8, y + 20 + i * 17, title.get(i), 13, true, INK, "start");
        }
        if (pos.h() > 1) {
            String type = panel.type()
                    + (panel.id().isPresent() ? " · #" + panel.id().getAsInt() : "")
                    + (panel.repeat().isEmpty() ? "" : " · repeated for $" + panel.repeat());
            svg.text(
                    x + 8, y + height - 9, TextMeasure.truncate(type, textWidth, 11, false), 11, false, MUTED, "start");
        }
    }
}
