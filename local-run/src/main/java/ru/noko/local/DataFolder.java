package ru.noko.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The run's data folder is its owner's alone (0700): it holds the outbox's letters (addresses and codes), Kafka's
 * segments (responses with client addresses), the secrets and the logs. Made so at every start, also for a folder an
 * earlier version left readable by everyone. When the run is root's, PostgreSQL's server runs as the postgres account,
 * which is then let through the folder (group postgres, 0710) to its own folder in it, and nobody else.
 */
final class DataFolder {

    private DataFolder() {}

    static void keepPrivate(Path home) {
        try {
            Files.createDirectories(home);
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the data folder " + home + " private", e);
        }
    }
}
