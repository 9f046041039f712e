package ru.noko.export.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One file of an export as the manifest lists it.
 *
 * @param name the file's name within the export folder
 * @param bytes its size
 * @param sha256 its SHA-256, lowercase hex
 */
public record ManifestFile(String name, long bytes, String sha256) {

    /** Reads the file as it is on disk: the checksum is of what was written, not of what was meant to be. */
    public static ManifestFile of(Path file) throws IOException {
        MessageDigest digest = newSha256();
        long size = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                size += n;
            }
        }
        return new ManifestFile(
                file.getFileName().toString(), size, HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException everyJavaHasIt) {
            throw new IllegalStateException(everyJavaHasIt);
        }
    }
}
