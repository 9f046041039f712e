package ru.noko.export.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A cut-off as it names an export's folder and key prefix: {@code 20260401T060000Z}, UTC to the second. Names sort as
 * the times do, so listings come out oldest first, and hold no character a file system or an object key dislikes.
 */
public final class CutOffName {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private CutOffName() {}

    public static String of(Instant cutOff) {
        return FORMAT.format(cutOff);
    }

    /** The cut-off a name stands for; empty for anything else found beside the exports. */
    public static Optional<Instant> parse(String name) {
        try {
            return Optional.of(Instant.from(FORMAT.parse(name)));
        } catch (DateTimeParseException notAnExport) {
            return Optional.empty();
        }
    }
}
