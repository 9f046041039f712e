package ru.noko.posters;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PosterPdfTest {

    private static final PosterPdf PDF = new PosterPdf(PosterFonts.debian());
    private static final SurveyLink LINK = SurveyLink.of("http://127.0.0.1:8080", "demo-2026-noko", "irk-sosh-7");
    private static final PosterContent SCHOOL = new PosterContent(
            "НОКО УООД 2026: демонстрационная кампания",
            "МБОУ «СОШ № 7»",
            "Иркутская область, г. Иркутск",
            LINK,
            SurveyDates.of(LocalDate.of(2026, 2, 15), LocalDate.of(2026, 3, 5)));

    @Test
    void thePosterRendersAndSaysWhoWhatWhereAndWhen() throws Exception {
        Path pdf = write("school", SCHOOL);
        Path png = Poppler.outputFolder().resolve("school.png");

        Poppler.render(pdf, 100, png);

        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(827); // A4's 210 mm at 100 dpi
        assertThat(Poppler.info(pdf)).containsPattern("Pages:\\s+1\\n").contains("(A4)");
        String text = oneLine(Poppler.text(pdf));
        assertThat(text)
                .contains(
                        "МБОУ «СОШ № 7»",
                        "НОКО УООД 2026: демонстрационная кампания",
                        "http://127.0.0.1:8080/s/demo-2026-noko/irk-sosh-7",
                        "Опрос проходит с 15 февраля по 5 марта 2026 года",
                        "Опрос анонимный",
                        "Как ответить с телефона",
                        "Иркутская область, г. Иркутск");
        assertThat(text).contains("Оцените качество условий образования в нашей организации");
    }

    @Test
    void thePrintedQrCodeDecodesToTheLink() throws Exception {
        Path png = Poppler.outputFolder().resolve("school-qr-read.png");

        Poppler.render(write("school-qr", SCHOOL), 100, png);

        assertThat(QrReader.read(ImageIO.read(png.toFile()))).isEqualTo(LINK.toString());
    }

    @Test
    void aCyrillicNameWithQuotesComesBackFromThePdfAsWritten() throws Exception {
        String name = "МАОУ ДО «Дом детского творчества „Радуга“ им. А. С. Пушкина» — филиал № 2";
        PosterContent poster =
                new PosterContent("Удовлетворённость системой образования, ёлка", name, "", LINK, SurveyDates.UNKNOWN);

        String text = oneLine(Poppler.text(write("cyrillic", poster)));

        assertThat(text).contains(name).contains("Удовлетворённость системой образования, ёлка");
        assertThat(text).doesNotContain("Опрос проходит");
    }

    @Test
    void aVeryLongNameShrinksTheLayoutButEverythingStaysOnThePage() throws Exception {
        String name = ("Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 12"
                                + " с углублённым изучением отдельных предметов имени Героя Советского Союза")
                        .repeat(3)
                + "»";
        Path pdf = write(
                "long-name", new PosterContent(SCHOOL.campaignTitle(), name, SCHOOL.territory(), LINK, SCHOOL.dates()));
        Path png = Poppler.outputFolder().resolve("long-name.png");

        Poppler.render(pdf, 100, png);

        String text = oneLine(Poppler.text(pdf));
        assertThat(text)
                .contains(name.substring(0, 60))
                .contains("Наберите ссылку в браузере телефона.")
                .contains(LINK.toString());
        assertThat(QrReader.read(ImageIO.read(png.toFile()))).isEqualTo(LINK.toString());
        assertThat(Poppler.words(pdf)).isNotEmpty().allSatisfy(word -> {
            assertThat(word.xMin()).as(word.text()).isGreaterThanOrEqualTo(0);
            assertThat(word.yMin()).as(word.text()).isGreaterThanOrEqualTo(0);
            assertThat(word.xMax()).as(word.text()).isLessThanOrEqualTo(595.3);
            assertThat(word.yMax()).as(word.text()).isLessThanOrEqualTo(841.9);
        });
    }

    @Test
    void theSamePosterGivesTheSameBytes() throws IOException {
        assertThat(PDF.write(SCHOOL)).isEqualTo(PDF.write(SCHOOL));
    }

    @Test
    void datesAreWrittenAsLettersWriteThem() {
        assertThat(SurveyDates.of(LocalDate.of(2025, 12, 25), LocalDate.of(2026, 1, 15))
                        .sentence())
                .contains("Опрос проходит с 25 декабря 2025 года по 15 января 2026 года");
        assertThat(SurveyDates.of(LocalDate.of(2026, 1, 25), null).sentence())
                .contains("Опрос проходит с 25 января 2026 года");
        assertThat(SurveyDates.of(null, LocalDate.of(2026, 2, 10)).sentence())
                .contains("Опрос проходит по 10 февраля 2026 года");
        assertThat(SurveyDates.UNKNOWN.sentence()).isEmpty();
    }

    private static Path write(String name, PosterContent content) throws IOException {
        Path pdf = Poppler.outputFolder().resolve(name + ".pdf");
        Files.write(pdf, PDF.write(content));
        return pdf;
    }

    /** pdftotext's text with every run of white space as one space: wrapped lines read as one sentence. */
    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
