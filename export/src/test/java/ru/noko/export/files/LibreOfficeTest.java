package ru.noko.export.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.noko.export.ranking.ExampleExport;

/**
 * The XLSX as someone at the ministry opens it: LibreOffice (headless) reads it and prints it to PDF, and poppler reads
 * and renders the first page. What Excel-compatible readers accept is wider than what POI's reader checks. The page is
 * kept as export/target/libreoffice/first-page.png; docs/export/first-page.png is copied from it by hand (see the
 * module's README). Needs soffice, pdfinfo, pdftotext and pdftoppm: ./noko setup installs them; without them this
 * test fails rather than skips.
 */
class LibreOfficeTest {

    private static final Path OUT = Path.of("target", "libreoffice").toAbsolutePath();
    private static Path pdf;

    @BeforeAll
    static void printTheWorkbookWithLibreOffice() throws Exception {
        for (String tool : List.of("soffice", "pdfinfo", "pdftotext", "pdftoppm")) {
            if (onPath(tool) == null) {
                fail(tool + " is not installed: run ./noko setup (Debian packages libreoffice-calc and poppler-utils)");
            }
        }
        deleteRecursively(OUT);
        Files.createDirectories(OUT);
        Path xlsx = OUT.resolve("ranking.xlsx");
        // The example campaign's ranking export, as the ministry receives it.
        XlsxWriter.write(ExampleExport.workbook(), xlsx);

        // A profile of its own: no clash with a LibreOffice the user has open, nothing left in ~/.config.
        run(
                "soffice",
                "-env:UserInstallation=" + OUT.resolve("profile").toUri(),
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                OUT.toString(),
                xlsx.toString());
        pdf = OUT.resolve("ranking.pdf");
        assertThat(pdf).as("LibreOffice's PDF of the workbook").exists();
        // The top of page 1 (A4 landscape at 100 dpi is 1169 × 827 pixels): where the table is.
        run(
                "pdftoppm",
                "-png",
                "-r",
                "100",
                "-f",
                "1",
                "-l",
                "1",
                "-x",
                "0",
                "-y",
                "0",
                "-W",
                "1169",
                "-H",
                "260",
                "-singlefile",
                pdf.toString(),
                OUT.resolve("first-page").toString());
    }

    @Test
    void libreOfficePrintsTheWorkbookToAPdfOfAtLeastOnePage() throws Exception {
        Matcher pages = Pattern.compile("(?m)^Pages:\\s+(\\d+)$").matcher(run("pdfinfo", pdf.toString()));

        assertThat(pages.find()).as("pdfinfo names the page count").isTrue();
        assertThat(Integer.parseInt(pages.group(1))).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theFirstPageShowsTheRussianHeadersAndTheFiguresAsFormatted() throws Exception {
        String firstPage = run("pdftotext", "-f", "1", "-l", "1", "-layout", pdf.toString(), "-");

        // The organizations sheet comes first: the methodology's worked example school, S = 1061/14 → 75.79.
        assertThat(firstPage)
                .contains("Организация", "ИНН", "Тип организации", "Муниципалитет")
                .contains("МБОУ «СОШ № 7»", "3808012348", "общеобразовательные")
                .contains("83.93", "80.00", "51.00");
    }

    @Test
    void theFirstPageIsRenderedAsAPicture() throws Exception {
        Path png = OUT.resolve("first-page.png");

        assertThat(png).exists();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(Arrays.copyOf(bytes, 8))
                .as("PNG signature")
                .isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    }

    /** Runs a tool to completion within two minutes and returns what it printed; fails the test otherwise. */
    private static String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // LibreOffice formats numbers by the locale: C gives its en-US defaults, a dot before the decimals.
        builder.environment().put("LC_ALL", "C.UTF-8");
        builder.environment().put("LANG", "C.UTF-8");
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in two minutes");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue())
                .as(String.join(" ", command) + " exited with " + text)
                .isZero();
        return text;
    }

    private static Path onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                List<Path> all = new ArrayList<>(paths.toList());
                all.sort((a, b) -> b.getNameCount() - a.getNameCount());
                for (Path path : all) {
                    Files.delete(path);
                }
            }
        }
    }
}
