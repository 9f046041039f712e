package ru.noko.dashboards.check;

import java.util.List;
import ru.noko.dashboards.grafana.Catalog;

/** A check's findings as the lines a report shows. */
final class Findings {

    private Findings() {}

    static List<String> of(Check check, Catalog catalog) {
        return check.check(catalog).stream().map(Finding::toString).toList();
    }
}
