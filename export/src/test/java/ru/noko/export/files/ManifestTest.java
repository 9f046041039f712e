package ru.noko.export.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

    @TempDir
    Path dir;

    @Test
    void listsEachFileWithItsSizeAndTheSha256OfItsBytes() throws Exception {
        Path file = Files.writeString(dir.resolve("organizations.csv"), "Код,Балл\r\nшкола-7,31.88\r\n");

        ManifestFile listed = ManifestFile.of(file);

        assertThat(listed.name()).isEqualTo("organizations.csv");
        assertThat(listed.bytes()).isEqualTo(Files.size(file));
        assertThat(listed.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(Files.readAllBytes(file))));
    }

    @Test
    void theSha256OfAKnownTextIsTheKnownOne() throws Exception {
        Path file = Files.writeString(dir.resolve("abc.csv"), "abc");

        // FIPS 180-2's example for "abc".
        assertThat(ManifestFile.of(file).sha256())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void isWrittenSortedIndentedWithTheParametersKeysSortedAtEveryDepth() throws Exception {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("region", "Иркутская область");
        parameters.put("campaign", "demo-2026-noko");
        parameters.put(
                "filters", new LinkedHashMap<>(Map.of("types", List.of("school", "kindergarten"), "minimum", 30L)));
        parameters.put("threshold", new BigDecimal("1E+2"));
        parameters.put("dataAsOf", Instant.parse("2026-11-30T09:00:00Z"));
        parameters.put("period", LocalDate.of(2026, 9, 1));
        parameters.put("previous", null);
        parameters.put("published", false);
        List<ManifestFile> files = List.of(
                new ManifestFile("ranking.xlsx", 5_000, "b".repeat(64)),
                new ManifestFile("indicators.csv", 300, "a".repeat(64)));

        String json = new String(new Manifest(files, parameters).toJson(), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("""
            {
              "files": [
                {
                  "name": "indicators.csv",
                  "bytes": 300,
                  "sha256": "%s"
                },
                {
                  "name": "ranking.xlsx",
                  "bytes": 5000,
                  "sha256": "%s"
                }
              ],
              "parameters": {
                "campaign": "demo-2026-noko",
                "dataAsOf": "2026-11-30T09:00:00Z",
                "filters": {
                  "minimum": 30,
                  "types": [
                    "school",
                    "kindergarten"
                  ]
                },
                "period": "2026-09-01",
                "previous": null,
                "published": false,
                "region": "Иркутская область",
                "threshold": 100
              }
            }
            """.formatted("a".repeat(64), "b".repeat(64)));
    }

    @Test
    void theSameFilesAndParametersGiveTheSameBytes() throws Exception {
        Map<String, Object> forward = new LinkedHashMap<>();
        forward.put("a", 1);
        forward.put("b", Map.of("y", 2, "x", 1));
        Map<String, Object> backward = new LinkedHashMap<>();
        backward.put("b", Map.of("x", 1, "y", 2));
        backward.put("a", 1L);
        ManifestFile one = new ManifestFile("one.csv", 1, "1".repeat(64));
        ManifestFile two = new ManifestFile("two.csv", 2, "2".repeat(64));

        assertThat(new Manifest(List.of(one, two), forward).toJson())
                .isEqualTo(new Manifest(List.of(two, one), backward).toJson());
    }

    @Test
    void refusesAParameterThatCouldComeOutDifferentlyNextTime() {
        Set<String> unordered = new HashSet<>(List.of("school", "kindergarten"));

        assertThatThrownBy(() -> new Manifest(List.of(), Map.of("types", unordered)))
                .hasMessageContaining("java.util.HashSet");
        assertThatThrownBy(() -> new Manifest(List.of(), Map.of("share", 0.3188)))
                .hasMessageContaining("java.lang.Double");
    }
}
