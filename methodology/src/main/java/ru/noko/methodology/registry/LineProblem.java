package ru.noko.methodology.registry;

import java.util.Objects;

/**
 * One problem of a CSV file.
 *
 * @param line the physical line number, the header being line 1; for a record spanning several lines, its first line
 * @param column the column name, or null when the problem is about the whole line
 * @param reason what is wrong and which rule it breaks, in Russian for the person who fixes the file
 */
public record LineProblem(int line, String column, String reason) {

    public LineProblem {
        if (line < 1) {
            throw new IllegalArgumentException("Line numbers start at 1: " + line);
        }
        Objects.requireNonNull(reason, "reason");
    }
}
