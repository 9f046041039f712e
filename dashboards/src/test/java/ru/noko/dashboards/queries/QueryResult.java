package ru.noko.dashboards.queries;

import java.util.List;
import ru.noko.devstack.chdb.CurrentClickHouse;

/** What a query returned: its columns (name and ClickHouse type) and its rows, every value as text (null for NULL). */
record QueryResult(List<Column> columns, List<List<String>> rows) {

    /** A result of the current ClickHouse engine (chdb), read as the local server's are. */
    static QueryResult of(CurrentClickHouse.Table table) {
        return new QueryResult(
                table.columns().stream()
                        .map(column -> new Column(column.name(), column.type()))
                        .toList(),
                table.rows());
    }

    record Column(String name, String type) {

        boolean isNumeric() {
            String base = baseType();
            return base.startsWith("Int")
                    || base.startsWith("UInt")
                    || base.startsWith("Float")
                    || base.startsWith("Decimal");
        }

        boolean isTime() {
            return baseType().startsWith("DateTime") || baseType().equals("Date");
        }

        boolean isText() {
            return baseType().equals("String")
                    || baseType().startsWith("FixedString")
                    || baseType().startsWith("LowCardinality(String");
        }

        private String baseType() {
            return type.startsWith("Nullable(") ? type.substring("Nullable(".length(), type.length() - 1) : type;
        }
    }
}
