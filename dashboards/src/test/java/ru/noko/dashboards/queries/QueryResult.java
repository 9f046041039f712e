package ru.noko.dashboards.queries;

import java.util.List;

/** What a query returned: its columns (name and ClickHouse type) and its rows, every value as text (null for NULL). */
record QueryResult(List<Column> columns, List<List<String>> rows) {

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
