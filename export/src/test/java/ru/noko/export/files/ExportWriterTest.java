package ru.noko.export.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportWriterTest {

    private static final Map<String, Object> PARAMETERS = Map.of("campaign", "demo-2026-noko", "region", "38");

    @TempDir
    Path dir;

    @Test
    void writesTheWorkbookEachSheetAsCsvAndAManifestOfThem() throws Exception {
        Path folder = dir.resolve("ranking-2026");

        ExportWriter.write(SmallExport.workbook(), PARAMETERS, folder, "ranking-2026");

        assertThat(names(folder))
                .containsExactly("indicators.csv", "manifest.json", "organizations.csv", "ranking-2026.xlsx");
    }

    @Test
    void theManifestsChecksumsAreThoseOfTheFilesOnDisk() throws Exception {
        Path folder = dir.resolve("ranking-2026");

        Manifest returned = ExportWriter.write(SmallExport.workbook(), PARAMETERS, folder, "ranking-2026");

        JsonNode manifest =
                new ObjectMapper().readTree(folder.resolve("manifest.json").toFile());
        assertThat(manifest.get("files")).hasSize(3);
        for (JsonNode listed : manifest.get("files")) {
            Path file = folder.resolve(listed.get("name").asText());
            byte[] bytes = Files.readAllBytes(file);
            assertThat(listed.get("bytes").asLong()).as(file.toString()).isEqualTo(bytes.length);
            assertThat(listed.get("sha256").asText())
                    .as(file.toString())
                    .isEqualTo(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        }
        assertThat(manifest.get("parameters").get("campaign").asText()).isEqualTo("demo-2026-noko");
        assertThat(Files.readAllBytes(folder.resolve("manifest.json"))).isEqualTo(returned.toJson());
    }

    @Test
    void theSameExportWrittenTwiceIsTheSameFileForFile() throws Exception {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");

        ExportWriter.write(SmallExport.workbook(), PARAMETERS, first, "ranking");
        Thread.sleep(1_100);
        ExportWriter.write(SmallExport.workbook(), new HashMap<>(PARAMETERS), second, "ranking");

        for (String name : names(first)) {
            assertThat(Files.readAllBytes(second.resolve(name)))
                    .as(name)
                    .isEqualTo(Files.readAllBytes(first.resolve(name)));
        }
    }

    @Test
    void aSecondExportIntoTheSameFolderFailsAndLeavesTheFirstUntouched() throws Exception {
        Path folder = dir.resolve("ranking-2026");
        ExportWriter.write(SmallExport.workbook(), PARAMETERS, folder, "ranking-2026");
        Map<String, byte[]> contents = new HashMap<>();
        Map<String, FileTime> times = new HashMap<>();
        for (String name : names(folder)) {
            contents.put(name, Files.readAllBytes(folder.resolve(name)));
            times.put(name, Files.getLastModifiedTime(folder.resolve(name)));
        }

        assertThatThrownBy(() -> ExportWriter.write(SyntheticExport.workbook(3), Map.of(), folder, "ranking-2026"))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining(folder.toString())
                .hasMessageContaining("an export is never overwritten");

        assertThat(names(folder)).containsExactlyInAnyOrderElementsOf(contents.keySet());
        for (String name : contents.keySet()) {
            assertThat(Files.readAllBytes(folder.resolve(name))).as(name).isEqualTo(contents.get(name));
            assertThat(Files.getLastModifiedTime(folder.resolve(name))).as(name).isEqualTo(times.get(name));
        }
        assertThat(names(dir)).containsExactly("ranking-2026");
    }

    @Test
    void aFolderThatExistsButIsEmptyIsFilled() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("prepared"));

        ExportWriter.write(SmallExport.workbook(), PARAMETERS, folder, "ranking");

        assertThat(names(folder)).contains("ranking.xlsx", "manifest.json");
    }

    @Test
    void aFileWhereTheFolderShouldBeIsNotReplaced() throws Exception {
        Path occupied = Files.writeString(dir.resolve("ranking"), "not a folder");

        assertThatThrownBy(() -> ExportWriter.write(SmallExport.workbook(), PARAMETERS, occupied, "ranking"))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(occupied)).isEqualTo("not a folder");
    }

    @Test
    void aFolderFilledWhileTheExportWasWrittenIsLeftAsItIsAndTheExportWithdrawn() throws Exception {
        Path folder = dir.resolve("ranking");
        Runnable someoneElseWritesThere = () -> {
            try {
                Files.createDirectory(folder);
                Files.writeString(folder.resolve("theirs.csv"), "their export");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };

        assertThatThrownBy(() -> ExportWriter.write(
                        SmallExport.workbook(), PARAMETERS, folder, "ranking", someoneElseWritesThere))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("filled while this export was being written");

        assertThat(names(folder)).containsExactly("theirs.csv");
        assertThat(Files.readString(folder.resolve("theirs.csv"))).isEqualTo("their export");
        assertThat(names(dir)).as("no half-written export left beside it").containsExactly("ranking");
    }

    @Test
    void parametersThatCannotBeWrittenAreRefusedBeforeAnythingIsWritten() {
        Path folder = dir.resolve("ranking");

        assertThatThrownBy(() -> ExportWriter.write(SmallExport.workbook(), Map.of("share", 0.5), folder, "ranking"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Double");

        assertThat(folder).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aBaseNameMustBeAPlainFileName() {
        assertThatThrownBy(() -> ExportWriter.write(SmallExport.workbook(), PARAMETERS, dir.resolve("x"), "../ranking"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base name");
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
