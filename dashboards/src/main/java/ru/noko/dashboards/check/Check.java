package ru.noko.dashboards.check;

import java.util.List;
import ru.noko.dashboards.grafana.Catalog;

/** One static check of the dashboards and their provisioning; no finding means it passes. */
public interface Check {

    /** What the check makes sure of, in a few words (test names and reports use it). */
    String name();

    List<Finding> check(Catalog catalog);
}
