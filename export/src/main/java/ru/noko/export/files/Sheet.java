package ru.noko.export.files;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One table of an export: a sheet of the XLSX workbook and a CSV file of its own. Every cell is checked against its
 * column's kind here, so a writer never meets a value it would have to guess about.
 *
 * @param name the XLSX sheet name, in Russian: at most 31 characters, none of {@code [ ] : * ? / \}
 * @param fileName the CSV file's name, ASCII: letters, digits, {@code . _ -}, ending in {@code .csv}
 * @param columns the columns, at least one
 * @param rows the rows below the header, each with one cell per column; a null cell is empty (no value, never 0)
 */
public record Sheet(String name, String fileName, List<Column> columns, List<List<Object>> rows) {

    /** Excel refuses longer sheet names. */
    static final int MAX_NAME_LENGTH = 31;
    /** The XLSX row limit less the header row. */
    static final int MAX_ROWS = 1_048_575;

    static final int MAX_COLUMNS = 16_384;

    private static final Pattern FORBIDDEN_IN_NAME = Pattern.compile("[\\[\\]:*?/\\\\]");
    private static final Pattern CSV_FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.csv");

    public Sheet {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(rows, "rows");
        if (name.isBlank()
                || name.length() > MAX_NAME_LENGTH
                || FORBIDDEN_IN_NAME.matcher(name).find()
                || name.startsWith("'")
                || name.endsWith("'")
                || name.equalsIgnoreCase("History")) {
            throw new IllegalArgumentException(
                    "sheet name «" + name + "» is not one Excel accepts: 1.." + MAX_NAME_LENGTH
                            + " characters, none of [ ] : * ? / \\, no apostrophe at either end, not History");
        }
        if (!CSV_FILE_NAME.matcher(fileName).matches()) {
            throw new IllegalArgumentException("sheet «" + name + "»: file name «" + fileName
                    + "» must be ASCII letters, digits, '.', '_', '-' ending in .csv");
        }
        columns = List.copyOf(columns);
        if (columns.isEmpty() || columns.size() > MAX_COLUMNS) {
            throw new IllegalArgumentException(
                    "sheet «" + name + "» has " + columns.size() + " columns: 1.." + MAX_COLUMNS + " are possible");
        }
        if (rows.size() > MAX_ROWS) {
            throw new IllegalArgumentException("sheet «" + name + "» has " + rows.size() + " rows: an XLSX sheet holds "
                    + MAX_ROWS + " below its header");
        }
        List<Column> checkedColumns = columns;
        rows = rows.stream().map(row -> checked(name, checkedColumns, row)).toList();
    }

    /** A read-only copy of one row after checking it; an empty string becomes null, the one way to say "empty". */
    private static List<Object> checked(String sheet, List<Column> columns, List<Object> row) {
        Objects.requireNonNull(row, () -> "sheet «" + sheet + "»: a row is null");
        Object[] cells = row.toArray();
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("sheet «" + sheet + "»: a row has " + cells.length + " cells for "
                    + columns.size() + " columns: " + row);
        }
        for (int c = 0; c < cells.length; c++) {
            if ("".equals(cells[c])) {
                cells[c] = null;
            }
            if (cells[c] != null) {
                String problem = columns.get(c).kind().problem(cells[c]);
                if (problem != null) {
                    throw new IllegalArgumentException(
                            "sheet «" + sheet + "», column «" + columns.get(c).header() + "»: " + problem);
                }
            }
        }
        return Collections.unmodifiableList(Arrays.asList(cells));
    }
}
