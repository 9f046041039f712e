package ru.noko.dashboards.queries;

import java.util.List;

/**
 * The columns a Grafana visualization needs from a query to draw something: a time series a time column and numbers,
 * a bar chart a label and numbers, a pie chart a label and a number, a stat any value, a table any column.
 */
final class Visualization {

    private Visualization() {}

    /** Why {@code result} cannot be drawn as {@code panelType}, or null when it can. */
    static String problem(String panelType, QueryResult result) {
        List<QueryResult.Column> columns = result.columns();
        if (columns.isEmpty()) {
            return "no columns";
        }
        return switch (panelType) {
            case "timeseries" ->
                columns.get(0).isTime()
                                && columns.size() >= 2
                                && columns.subList(1, columns.size()).stream().allMatch(QueryResult.Column::isNumeric)
                        ? null
                        : "a time series needs a time column first and numbers after it, got " + columns;
            case "barchart", "piechart" ->
                columns.stream().anyMatch(QueryResult.Column::isText)
                                && columns.stream().anyMatch(QueryResult.Column::isNumeric)
                        ? null
                        : "a " + panelType + " needs a text label and a number, got " + columns;
            case "stat", "table" -> null;
            default -> "a visualization this test does not know: " + panelType;
        };
    }
}
