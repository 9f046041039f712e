package ru.noko.posters;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.registry.RegistryCsv;

class CampaignPostersTest {

    static final Path EXAMPLE_REGISTRY =
            Path.of(System.getProperty("noko.projectRoot", "..")).resolve("examples/noko/registry.csv");

    private final CampaignPosters posters = new CampaignPosters(
            "demo-2026-noko",
            "НОКО УООД 2026: демонстрационная кампания",
            "http://127.0.0.1:8080",
            SurveyDates.of(LocalDate.of(2026, 2, 15), LocalDate.of(2026, 3, 5)),
            new PosterPdf(PosterFonts.debian()));

    @TempDir
    Path folder;

    @Test
    void eachOrganizationGetsItsPosterCodesAndLink() throws Exception {
        List<Organization> organizations = RegistryCsv.read(EXAMPLE_REGISTRY).organizations();

        posters.writeAll(organizations, folder);

        for (Organization organization : organizations) {
            String link = "http://127.0.0.1:8080/s/demo-2026-noko/" + organization.id();
            assertThat(Files.readString(folder.resolve(organization.id() + ".txt")))
                    .isEqualTo(link + "\n");
            assertThat(QrReader.read(Files.readAllBytes(folder.resolve(organization.id() + "-qr.png"))))
                    .isEqualTo(link);
            assertThat(QrReader.read(
                            SvgRaster.rasterize(Files.readString(folder.resolve(organization.id() + "-qr.svg")), 6)))
                    .isEqualTo(link);
            assertThat(Poppler.text(folder.resolve(organization.id() + ".pdf"))).contains(organization.name(), link);
        }
    }

    @Test
    void theRegionZipHoldsOnePosterPerOrganizationOfTheRegistry() throws Exception {
        List<Organization> organizations = RegistryCsv.read(EXAMPLE_REGISTRY).organizations();

        Path zip = posters.writeAll(organizations, folder);

        assertThat(zip.getFileName()).hasToString("demo-2026-noko-posters.zip");
        Map<String, byte[]> entries = entries(Files.readAllBytes(zip));
        assertThat(entries.keySet())
                .containsExactlyElementsOf(organizations.stream()
                        .map(organization -> organization.id() + ".pdf")
                        .toList());
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            assertThat(entry.getValue())
                    .as(entry.getKey())
                    .isEqualTo(Files.readAllBytes(folder.resolve(entry.getKey())));
        }
        assertThat(folder.resolve("demo-2026-noko-posters.zip.part")).doesNotExist();
    }

    @Test
    void theDownloadStreamsTheSameZipAndRunsGiveTheSameBytes() throws Exception {
        List<Organization> organizations = RegistryCsv.read(EXAMPLE_REGISTRY).organizations();
        Path zip = posters.writeAll(organizations, folder);
        ByteArrayOutputStream download = new ByteArrayOutputStream();

        posters.zip(organizations, download);

        assertThat(download.toByteArray()).isEqualTo(Files.readAllBytes(zip));
    }

    @Test
    void theZipEntriesCarryNoTimeOfWriting() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (PostersZip posters = new PostersZip(zip)) {
            posters.add("a.pdf", "%PDF".getBytes(StandardCharsets.US_ASCII));
        }
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip.toByteArray()))) {
            ZipEntry entry = in.getNextEntry();
            assertThat(entry.getTimeLocal()).isEqualTo(PostersZip.FIXED_TIME);
            assertThat(entry.getExtra()).isNull();
        }
    }

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), ((InputStream) in).readAllBytes());
            }
        }
        return entries;
    }
}
