package ru.noko.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The local run's secrets: from the environment when set there, otherwise made once at random and kept in a file of
 * the data folder (readable by its owner only), so they stay the same across runs.
 */
final class LocalSecrets {

    private LocalSecrets() {}

    /** The environment's {@code variable}, or the secret kept in {@code file}, made there if missing. */
    static String secret(String variable, Path file) throws IOException {
        String fromEnvironment = System.getenv(variable);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        Files.createDirectories(file.getParent());
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        Files.writeString(file, secret);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return secret;
    }
}
