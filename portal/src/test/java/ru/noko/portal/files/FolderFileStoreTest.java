package ru.noko.portal.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files in a folder of the owner's only, under keys the portal made: nothing else reaches the folder. */
class FolderFileStoreTest {

    @TempDir
    Path folder;

    @Test
    void aFileIsKeptUnderItsKeyAndDeleted() {
        FolderFileStore store = new FolderFileStore(folder.resolve("files"));
        String key = StoredFiles.newKey("photos", "jpg");

        store.put(key, new byte[] {1, 2, 3});

        assertThat(store.get(key)).hasValueSatisfying(bytes -> assertThat(bytes).containsExactly(1, 2, 3));
        store.delete(key);
        assertThat(store.get(key)).isEmpty();
    }

    @Test
    void theFolderIsItsOwnersAlone() throws Exception {
        new FolderFileStore(folder.resolve("files"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("files"))))
                .isEqualTo("rwx------");
    }

    @Test
    void keysAreUnguessableAndNothingElseIsAKey() {
        FolderFileStore store = new FolderFileStore(folder.resolve("files"));

        assertThat(StoredFiles.newKey("photos", "jpg")).matches("photos/[A-Za-z0-9_-]{22}\\.jpg");
        assertThat(StoredFiles.newKey("photos", "jpg")).isNotEqualTo(StoredFiles.newKey("photos", "jpg"));
        for (String forged : new String[] {"../secret", "photos/../../etc/passwd", "/etc/passwd", "photos/a.jpg", ""}) {
            assertThatThrownBy(() -> store.get(forged)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
