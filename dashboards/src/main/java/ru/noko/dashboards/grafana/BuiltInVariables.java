package ru.noko.dashboards.grafana;

import java.util.Set;

/**
 * Names Grafana, or the ClickHouse data source plugin, replaces without a dashboard defining them: global variables,
 * the fields a data link may read, and the plugin's SQL macros ({@code $__timeFilter(column)},
 * {@code $__conditionalAll(condition, $var)}…), which look like variables to the reference syntax.
 */
public final class BuiltInVariables {

    private static final Set<String> GRAFANA = Set.of(
            "__from",
            "__to",
            "__interval",
            "__interval_ms",
            "__rate_interval",
            "__rate_interval_ms",
            "__range",
            "__range_s",
            "__range_ms",
            "__dashboard",
            "__user",
            "__org",
            "__name",
            "__timezone",
            "__url",
            "__url_time_range",
            "__all_variables",
            "__searchFilter",
            "__auto",
            // Data links and field overrides: the clicked value, its field, series and row.
            "__data",
            "__field",
            "__series",
            "__value",
            "__cell",
            // SQL data sources' common macros, and the legacy one from before the double underscore.
            "__timeFilter",
            "__timeFrom",
            "__timeTo",
            "__timeGroup",
            "__timeGroupAlias",
            "__unixEpochFilter",
            "__table",
            "__column",
            "timeFilter");

    /** The ClickHouse plugin's own macros (its pkg/macros and the query editor's list). */
    private static final Set<String> CLICKHOUSE = Set.of(
            "__timeFilter_ms",
            "__dateFilter",
            "__dateTimeFilter",
            "__dt",
            "__fromTime",
            "__toTime",
            "__fromTime_ms",
            "__toTime_ms",
            "__interval_s",
            "__timeInterval",
            "__timeInterval_ms",
            "__conditionalAll",
            "__columns",
            "__rateColumns",
            "__perSecondColumns",
            "__increaseColumns",
            "__lttb",
            "__adHocFilters");

    private BuiltInVariables() {}

    public static boolean contains(String name) {
        // An interval variable's automatic step: $__auto_interval_<variable>, from before $__auto.
        return GRAFANA.contains(name) || CLICKHOUSE.contains(name) || name.startsWith("__auto_interval_");
    }
}
