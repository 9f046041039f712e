package ru.noko.posters;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A zip of posters written as they are made, so a region's thousands of posters never sit in memory together. Every
 * entry has one fixed local date and time and no extra time fields: the same posters give the same bytes on any
 * machine and in any time zone.
 */
public final class PostersZip implements Closeable {

    // Two seconds past the zip format's first moment: Java takes 1980-01-01 00:00:00 itself for "before 1980" and then
    // adds an extended timestamp field, whose UTC value depends on the machine's time zone.
    static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0, 2);

    private final ZipOutputStream zip;

    public PostersZip(OutputStream out) {
        this.zip = new ZipOutputStream(out);
    }

    public void add(String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(FIXED_TIME);
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    /** Writes the zip's directory and closes the stream underneath. */
    @Override
    public void close() throws IOException {
        zip.close();
    }
}
