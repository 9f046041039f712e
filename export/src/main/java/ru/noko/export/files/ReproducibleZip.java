package ru.noko.export.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Copies an XLSX package with everything that depends on when it was written taken out, so the same workbook gives
 * the same bytes: every zip entry gets one fixed modification time, and the document properties lose their creation
 * time (fastexcel writes the clock's, and offers no way to set it; the element is optional). The entries keep their
 * order and their compressed bytes, copied raw, so this costs a file copy and not a second compression.
 */
final class ReproducibleZip {

    static final String CORE_PROPERTIES = "docProps/core.xml";

    private static final Pattern CREATED = Pattern.compile("<dcterms:created\\b[^>]*>[^<]*</dcterms:created>");

    private ReproducibleZip() {}

    static void copy(Path source, Path target) throws IOException {
        // A zip keeps a local date and time; this instant is 1980-01-01 00:00 (the zip format's first) in the zone the
        // archiver converts with, so every machine writes the same two fields.
        long entryTime = LocalDateTime.of(1980, 1, 1, 0, 0)
                .atZone(ZoneId.systemDefault())
                .toInstant()
                .toEpochMilli();
        try (ZipFile in = ZipFile.builder().setPath(source).get();
                ZipArchiveOutputStream out =
                        new ZipArchiveOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (ZipArchiveEntry entry : Collections.list(in.getEntriesInPhysicalOrder())) {
                ZipArchiveEntry copy = new ZipArchiveEntry(entry.getName());
                copy.setTime(entryTime);
                if (entry.getName().equals(CORE_PROPERTIES)) {
                    byte[] properties;
                    try (InputStream xml = in.getInputStream(entry)) {
                        properties = withoutCreationTime(xml.readAllBytes());
                    }
                    copy.setMethod(ZipEntry.DEFLATED);
                    out.putArchiveEntry(copy);
                    out.write(properties);
                    out.closeArchiveEntry();
                } else {
                    copy.setMethod(entry.getMethod());
                    copy.setCrc(entry.getCrc());
                    copy.setSize(entry.getSize());
                    copy.setCompressedSize(entry.getCompressedSize());
                    try (InputStream raw = in.getRawInputStream(entry)) {
                        out.addRawArchiveEntry(copy, raw);
                    }
                }
            }
        }
    }

    private static byte[] withoutCreationTime(byte[] coreProperties) {
        String xml = new String(coreProperties, StandardCharsets.UTF_8);
        return CREATED.matcher(xml).replaceAll("").getBytes(StandardCharsets.UTF_8);
    }
}
