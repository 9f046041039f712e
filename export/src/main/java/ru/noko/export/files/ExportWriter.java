package ru.noko.export.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes an export folder: {@code <baseName>.xlsx}, one CSV file per sheet, and {@code manifest.json} listing them
 * all with their SHA-256 and the caller's parameters. An export is never overwritten, and never seen half-written:
 * everything is written into a hidden sibling folder, flushed to disk, and then renamed into place in one step, which
 * fails if the folder has meanwhile appeared with anything in it.
 */
public final class ExportWriter {

    private static final Pattern BASE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private ExportWriter() {}

    /**
     * @param workbook the export's tables
     * @param parameters what the export was made with (campaign, filters, the time of the data…); see {@link Manifest}
     * @param folder the export folder to create; it may exist only as an empty folder
     * @param baseName the XLSX file's name without {@code .xlsx}: ASCII letters, digits, {@code . _ -}
     * @return the manifest as written
     * @throws FileAlreadyExistsException if the folder exists and is not an empty folder; nothing is written then
     */
    public static Manifest write(Workbook workbook, Map<String, Object> parameters, Path folder, String baseName)
            throws IOException {
        return write(workbook, parameters, folder, baseName, () -> {});
    }

    /** The same, with something done just before the finished export is moved into place (the tests' way in). */
    static Manifest write(
            Workbook workbook, Map<String, Object> parameters, Path folder, String baseName, Runnable beforeMove)
            throws IOException {
        Objects.requireNonNull(workbook, "workbook");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(baseName, "baseName");
        if (!BASE_NAME.matcher(baseName).matches()) {
            throw new IllegalArgumentException("base name «" + baseName
                    + "» must be ASCII letters, digits, '.', '_', '-', starting with a letter or digit");
        }
        Manifest.checkParameters(parameters);
        Path target = folder.toAbsolutePath().normalize();
        refuseExisting(target);
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".partial-");
        try {
            List<ManifestFile> files = new ArrayList<>();
            Path xlsx = partial.resolve(baseName + ".xlsx");
            XlsxWriter.write(workbook, xlsx);
            files.add(ManifestFile.of(xlsx));
            for (Sheet sheet : workbook.sheets()) {
                Path csv = partial.resolve(sheet.fileName());
                CsvWriter.write(sheet, csv);
                files.add(ManifestFile.of(csv));
            }
            Manifest manifest = new Manifest(files, parameters);
            manifest.write(partial);
            syncAll(partial);
            beforeMove.run();
            moveIntoPlace(partial, target);
            return manifest;
        } catch (IOException | RuntimeException e) {
            deleteRecursively(partial);
            throw e;
        }
    }

    private static void refuseExisting(Path target) throws IOException {
        if (Files.isDirectory(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isEmpty()) {
                    return;
                }
            }
        } else if (!Files.exists(target)) {
            return;
        }
        throw new FileAlreadyExistsException(
                target.toString(),
                null,
                "an export is never overwritten: the folder exists and is not empty; choose another folder");
    }

    /** The rename below must not reach the disk before the files do, or a crash could leave an export half-empty. */
    private static void syncAll(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            }
        }
    }

    private static void moveIntoPlace(Path partial, Path target) throws IOException {
        try {
            // rename(2): replaces nothing but an empty folder, and fails if the target has anything in it.
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException refused) {
            // Java reports a full folder as a plain FileSystemException ("Directory not empty"): say what happened.
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                FileAlreadyExistsException exists = new FileAlreadyExistsException(
                        target.toString(),
                        null,
                        "an export is never overwritten: the folder was filled while this export was being written");
                exists.initCause(refused);
                throw exists;
            }
            throw refused;
        }
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException cleanupFailed) {
            // The export itself failed; that error is the one to report. A hidden .partial folder may remain.
        }
    }
}
