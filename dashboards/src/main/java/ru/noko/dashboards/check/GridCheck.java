package ru.noko.dashboards.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ru.noko.dashboards.grafana.Catalog;
import ru.noko.dashboards.grafana.Dashboard;
import ru.noko.dashboards.grafana.GridPos;
import ru.noko.dashboards.grafana.Panel;

/**
 * Every panel has a place on the 24-column grid, inside it, and no two panels shown together overlap. Grafana would
 * not refuse such a dashboard: it pushes overlapping panels down and stretches a panel without a place, so the
 * dashboard on screen would differ from its JSON and from its picture.
 */
final class GridCheck implements Check {

    @Override
    public String name() {
        return "every panel on the 24-column grid, none overlapping";
    }

    @Override
    public List<Finding> check(Catalog catalog) {
        List<Finding> findings = new ArrayList<>();
        for (Dashboard dashboard : catalog.dashboards()) {
            for (Panel panel : dashboard.panels()) {
                findings.addAll(place(dashboard, panel));
            }
            // What shows at once: the grid itself, and a collapsed row's panels once it is expanded.
            findings.addAll(overlaps(dashboard, dashboard.topLevelPanels()));
            for (Panel row : dashboard.topLevelPanels()) {
                findings.addAll(overlaps(dashboard, row.nested()));
            }
        }
        return findings;
    }

    private static List<Finding> place(Dashboard dashboard, Panel panel) {
        Optional<GridPos> found = panel.gridPos();
        if (found.isEmpty()) {
            return List.of(new Finding(dashboard.file(), panel.label(), "has no gridPos with integer x, y, w and h"));
        }
        GridPos pos = found.get();
        List<Finding> findings = new ArrayList<>();
        if (pos.x() < 0 || pos.y() < 0 || pos.w() < 1 || pos.h() < 1 || pos.right() > GridPos.COLUMNS) {
            findings.add(new Finding(
                    dashboard.file(),
                    panel.label(),
                    "gridPos " + describe(pos) + " is not inside the grid (x ≥ 0, y ≥ 0, w ≥ 1, h ≥ 1, x + w ≤ 24)"));
        }
        if (panel.isRow() && (pos.x() != 0 || pos.w() != GridPos.COLUMNS)) {
            findings.add(new Finding(
                    dashboard.file(), panel.label(), "a row spans the grid's width (x 0, w 24), not " + describe(pos)));
        }
        if (panel.row() != null) {
            panel.row()
                    .gridPos()
                    .filter(row -> pos.y() <= row.y())
                    .ifPresent(row -> findings.add(new Finding(
                            dashboard.file(),
                            panel.label(),
                            "lies above or on its row " + panel.row().label() + " (y " + pos.y() + ", the row's y "
                                    + row.y() + ")")));
        }
        return findings;
    }

    private static List<Finding> overlaps(Dashboard dashboard, List<Panel> panels) {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < panels.size(); i++) {
            for (int j = i + 1; j < panels.size(); j++) {
                Panel first = panels.get(i);
                Panel second = panels.get(j);
                Optional<GridPos> a = first.gridPos();
                Optional<GridPos> b = second.gridPos();
                if (a.isPresent() && b.isPresent() && a.get().overlaps(b.get())) {
                    findings.add(new Finding(
                            dashboard.file(),
                            second.label(),
                            "gridPos " + describe(b.get()) + " overlaps " + first.label() + " at "
                                    + describe(a.get())));
                }
            }
        }
        return findings;
    }

    private static String describe(GridPos pos) {
        return "x " + pos.x() + ", y " + pos.y() + ", w " + pos.w() + ", h " + pos.h();
    }
}
