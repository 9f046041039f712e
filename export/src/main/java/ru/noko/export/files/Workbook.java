package ru.noko.export.files;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An export's tables, in the order the workbook shows them.
 *
 * @param sheets at least one; names and file names unique regardless of case (Excel compares sheet names so, and so
 *     do the file systems the ministry's analysts use)
 */
public record Workbook(List<Sheet> sheets) {

    public Workbook {
        sheets = List.copyOf(Objects.requireNonNull(sheets, "sheets"));
        if (sheets.isEmpty()) {
            throw new IllegalArgumentException("a workbook needs at least one sheet");
        }
        Set<String> names = new HashSet<>();
        Set<String> fileNames = new HashSet<>();
        for (Sheet sheet : sheets) {
            if (!names.add(sheet.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("two sheets are named «" + sheet.name() + "»");
            }
            if (!fileNames.add(sheet.fileName().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("two sheets are written to " + sheet.fileName());
            }
        }
    }
}
