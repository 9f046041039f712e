package ru.noko.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;

/** What the run's data folder lets others do: nothing, but for PostgreSQL's account passing through to its folder. */
final class DataFolderPermissions {

    private DataFolderPermissions() {}

    static void assertPrivate(Path home) throws Exception {
        PosixFileAttributes folder = Files.readAttributes(home, PosixFileAttributes.class);
        assertThat(folder.permissions())
                .as("the data folder is its owner's alone")
                .contains(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE)
                .isSubsetOf(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE,
                        PosixFilePermission.GROUP_EXECUTE);
        if (folder.permissions().contains(PosixFilePermission.GROUP_EXECUTE)) {
            assertThat(folder.group().getName())
                    .as("only PostgreSQL's account may pass through")
                    .isEqualTo("postgres");
        }
    }
}
