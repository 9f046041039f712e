package ru.noko.export.files;

import java.util.Objects;

/**
 * One column of a sheet.
 *
 * @param header the column's title in the file, in Russian (the caller's words; the writers add none)
 * @param kind what the cells hold and how they are shown
 * @param width the XLSX column width in characters, 1 to 255 (CSV has none)
 */
public record Column(String header, ColumnKind kind, int width) {

    /** Excel's own limit on a column's width. */
    static final int MAX_WIDTH = 255;

    public Column {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(kind, "kind");
        if (header.isBlank()) {
            throw new IllegalArgumentException("a column header must not be blank");
        }
        if (width < 1 || width > MAX_WIDTH) {
            throw new IllegalArgumentException(
                    "column «" + header + "»: width " + width + " is outside 1.." + MAX_WIDTH);
        }
    }
}
