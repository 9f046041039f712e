package ru.noko.publication.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.posters.PosterFonts;
import ru.noko.publication.ExamplePublication;
import ru.noko.publication.PublishedResultsTest;
import ru.noko.publication.ResultsPublisher;
import ru.noko.publication.figures.PublicResults;

/**
 * The analytical report of the example campaign, read back as text by poppler's pdftotext: it states the region's S
 * and coverage as the ministry's export has them, the organizations per level, the plans' state, and it has chart
 * pages drawn by the charting library. The same results give the same bytes. Page 1 is rendered to PNG (README).
 */
class AnalyticalReportTest {

    private static final Path ROOT =
            Path.of(System.getProperty("noko.projectRoot", "..")).toAbsolutePath();

    @TempDir
    Path work;

    private PublicResults results;
    private PlanSummary plans;

    @BeforeEach
    void theExampleResults() throws Exception {
        ResultsPublisher publisher = ExamplePublication.publisher(work.resolve("exports"), work.resolve("site"));
        publisher.publish(ExamplePublication.CAMPAIGN, ExamplePublication.CUT_OFF, "operator", java.time.Instant.now());
        results = publisher.results(ExamplePublication.CAMPAIGN, ExamplePublication.CUT_OFF);
        Map<String, Long> states = new LinkedHashMap<>();
        states.put("черновик", 2L);
        states.put("на рассмотрении", 1L);
        states.put("утверждён", 2L);
        plans = new PlanSummary(true, states, 5, 3, 2);
    }

    @Test
    void theReportStatesTheRegionsFiguresAsTheExportHasThemAndHasChartPages() throws Exception {
        Path pdf = report(work.resolve("report"));
        String text = pdfToText(pdf);
        Path export =
                work.resolve("exports").resolve(ExamplePublication.CAMPAIGN).resolve("20260301T000000Z");
        CSVRecord region = PublishedResultsTest.csv(export.resolve("regions.csv")).stream()
                .filter(r -> r.get("Тип организаций").equals("все типы"))
                .findFirst()
                .orElseThrow();
        String s = region.get("S").replace('.', ',');
        String coverage = new java.math.BigDecimal(region.get("Охват контингента"))
                        .multiply(java.math.BigDecimal.valueOf(100))
                        .setScale(2, java.math.RoundingMode.HALF_UP)
                        .toPlainString()
                        .replace('.', ',')
                + " %";
        assertThat(text)
                .contains("S региона: " + s)
                .contains("Охват контингента: " + coverage + " при цели 50,00 %")
                .contains("Организации по уровням")
                .contains("без итогового балла")
                .contains("Сильные и слабые показатели региона")
                .contains("Изменение к прошлой кампании")
                .contains("просрочено 2");
        long levels = PublishedResultsTest.csv(export.resolve("organizations.csv")).stream()
                .filter(r -> r.get("Уровень").equals("хорошо"))
                .count();
        assertThat(text).containsPattern("хорошо\\s+" + levels);
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(3);
            int charts = 0;
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getXObjectNames()) {
                    if (page.getResources().getXObject(name) instanceof PDImageXObject) {
                        charts++;
                    }
                }
            }
            assertThat(charts)
                    .as("the distribution, the levels by type and the municipalities")
                    .isEqualTo(3);
        }
        Path png = ROOT.resolve("publication/target/report-page-1");
        Files.createDirectories(png.getParent());
        Process render = new ProcessBuilder(
                        "pdftoppm",
                        "-png",
                        "-r",
                        "60",
                        "-f",
                        "1",
                        "-l",
                        "1",
                        "-singlefile",
                        pdf.toString(),
                        png.toString())
                .inheritIO()
                .start();
        assertThat(render.waitFor()).isZero();
        assertThat(Path.of(png + ".png")).isNotEmptyFile();
    }

    @Test
    void theSameResultsGiveTheSameBytesWithAManifest() throws Exception {
        Path first = report(work.resolve("first"));
        Path second = report(work.resolve("second"));
        assertThat(second).hasSameBinaryContentAs(first);
        assertThat(work.resolve("second/manifest.json")).hasSameBinaryContentAs(work.resolve("first/manifest.json"));
        assertThat(Files.readString(work.resolve("first/manifest.json")))
                .contains("\"report.pdf\"")
                .contains(ExamplePublication.CAMPAIGN);
    }

    @Test
    void withoutThePortalsDatabaseTheReportSaysItHasNoPlans() throws Exception {
        Path folder = work.resolve("no-plans");
        new AnalyticalReport(PosterFonts.debian())
                .write(results, campaignCoverage(), PlanSummary.unknown(), "noko test", folder);
        assertThat(pdfToText(folder.resolve(AnalyticalReport.FILE))).contains("Сведения о планах не получены");
    }

    private Path report(Path folder) throws Exception {
        return new AnalyticalReport(PosterFonts.debian())
                .write(results, campaignCoverage(), plans, "noko test", folder);
    }

    private static ru.noko.methodology.model.Coverage campaignCoverage() throws Exception {
        return Campaigns.load(java.util.Optional.empty())
                .find(ExamplePublication.CAMPAIGN)
                .orElseThrow()
                .coverage();
    }

    private static String pdfToText(Path pdf) throws Exception {
        Process process = new ProcessBuilder(List.of("pdftotext", "-layout", pdf.toString(), "-"))
                .redirectErrorStream(true)
                .start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).isZero();
        return text;
    }
}
