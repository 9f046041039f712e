package ru.noko.publication.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import ru.noko.export.files.Manifest;
import ru.noko.export.files.ManifestFile;
import ru.noko.export.ranking.RankingWorkbook;
import ru.noko.methodology.model.Coverage;
import ru.noko.posters.PosterFonts;
import ru.noko.publication.figures.PublicOrganization;
import ru.noko.publication.figures.PublicResults;
import ru.noko.publication.figures.PublicTerritory;
import ru.noko.publication.site.Numbers;

/**
 * The region's annual analytical report of a campaign, as PDF in Russian: coverage against the target, the
 * distribution of the main figure and of the levels by municipality and by organization type, the strongest and the
 * weakest indicators, the top and bottom organizations, the change against the previous campaign, and the state of
 * the improvement plans. Written from the published results (the export's figures at the cut-off). Reproducible like
 * the exports: the same results and plans give the same bytes (the file's dates are the cut-off's, its identifier the
 * content's hash), and a manifest with its SHA-256 lies beside it.
 */
public final class AnalyticalReport {

    public static final String FILE = "report.pdf";
    private static final int LIST = 10;

    private final PosterFonts fonts;

    public AnalyticalReport(PosterFonts fonts) {
        this.fonts = fonts;
    }

    /** Writes {@code report.pdf} and {@code manifest.json} into the folder. */
    public Path write(PublicResults results, Coverage coverage, PlanSummary plans, String software, Path folder)
            throws IOException {
        Files.createDirectories(folder);
        Path pdf = folder.resolve(FILE);
        Files.write(pdf, pdf(results, coverage, plans));
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("campaign", results.campaignId());
        parameters.put("cutOff", results.cutOff().toString());
        parameters.put("previousCampaign", results.previousCampaign());
        parameters.put("software", software);
        // The same report at the same cut-off is the same bytes: written again, the manifest is too.
        Files.write(
                folder.resolve(Manifest.FILE_NAME), new Manifest(List.of(ManifestFile.of(pdf)), parameters).toJson());
        return pdf;
    }

    public byte[] pdf(PublicResults results, Coverage coverage, PlanSummary plans) throws IOException {
        System.setProperty("java.awt.headless", "true");
        ReportFigures figures = new ReportFigures(results);
        String main = results.mainFigure();
        try (PDDocument document = new PDDocument()) {
            describe(document, results, plans);
            var regular = PDType0Font.load(document, fonts.regular().toFile());
            var bold = PDType0Font.load(document, fonts.bold().toFile());
            try (ReportPages pages =
                    new ReportPages(document, regular, bold, "Аналитический отчёт НОКО · " + results.title())) {
                pages.newPage();
                pages.title("Аналитический отчёт о результатах независимой оценки качества условий образовательной"
                        + " деятельности");
                pages.paragraph(results.title());
                pages.paragraph("Учтены ответы, полученные до " + instant(results) + " (UTC). Значения — опубликованные"
                        + " по методике (два знака); они совпадают с выгрузкой для министерства с тем же временем"
                        + " отсечки.");
                for (PublicTerritory region : results.regions()) {
                    pages.heading(region.region() + ": итог");
                    pages.paragraph(main + " региона: " + Numbers.format(region.figure(main))
                            + (region.level().isEmpty() ? "" : ", уровень «" + region.level() + "»") + ". Организаций: "
                            + region.organizations()
                            + ", из них с итоговым баллом: " + region.scored() + ". Респондентов: "
                            + region.respondents() + ".");
                    pages.paragraph("Охват контингента: " + Numbers.percent(region.coverageShare()) + " при цели "
                            + Numbers.format(coverage.target().multiply(BigDecimal.valueOf(100))) + " % каждой"
                            + " группы респондентов (не более " + coverage.maxRespondents()
                            + " на организацию и группу).");
                    long representative = figures.scored().stream()
                            .filter(o -> o.organization().region().equals(region.region()) && o.representative())
                            .count();
                    pages.paragraph("Цель охвата достигнута в " + representative + " организациях из "
                            + region.organizations() + ".");
                }
                pages.heading("Организации по уровням");
                Map<String, Long> levels = figures.levels(results.organizations());
                List<List<String>> levelRows = new ArrayList<>();
                levels.forEach((level, count) -> levelRows.add(List.of(level, String.valueOf(count))));
                levelRows.add(List.of(
                        "без итогового балла",
                        String.valueOf(results.organizations().size()
                                - figures.scored().size())));
                pages.table(List.of("Уровень", "Организаций"), List.of(250f, 120f), levelRows);

                pages.heading("Распределение " + main + " и уровней");
                pages.picture(Charts.distribution(figures.scored(), main), pages.width());
                pages.picture(Charts.levelsByType(figures.levelsByType()), pages.width());

                pages.heading("Муниципалитеты");
                pages.picture(Charts.municipalities(results.municipalities(), main), pages.width());
                List<List<String>> municipalities = new ArrayList<>();
                for (PublicTerritory m : results.municipalities()) {
                    municipalities.add(List.of(
                            m.municipality(),
                            Numbers.format(m.figure(main)),
                            m.level(),
                            String.valueOf(m.organizations()),
                            String.valueOf(m.respondents()),
                            Numbers.percent(m.coverageShare()),
                            m.rank() == null ? "—" : String.valueOf(m.rank())));
                }
                pages.table(
                        List.of("Муниципалитет", main, "Уровень", "Организаций", "Респондентов", "Охват", "Место"),
                        List.of(150f, 50f, 80f, 60f, 65f, 50f, 40f),
                        municipalities);

                pages.heading("Уровни по типам организаций");
                List<List<String>> types = new ArrayList<>();
                figures.levelsByType()
                        .forEach((type, counts) -> types.add(List.of(
                                type,
                                String.join(
                                        ", ",
                                        counts.entrySet().stream()
                                                .filter(e -> e.getValue() > 0)
                                                .map(e -> e.getKey() + ": " + e.getValue())
                                                .toList()))));
                pages.table(List.of("Тип организаций", "Организаций по уровням"), List.of(170f, 325f), types);

                List<ReportFigures.IndicatorMean> indicators = figures.indicators();
                pages.heading("Сильные и слабые показатели региона");
                pages.note("Среднее опубликованных значений показателя по организациям, у которых он рассчитан.");
                pages.table(
                        List.of("Самые высокие", "Среднее"),
                        List.of(420f, 75f),
                        indicators.stream()
                                .limit(5)
                                .map(i -> List.of(i.id() + " " + i.name(), Numbers.format(i.mean())))
                                .toList());
                List<ReportFigures.IndicatorMean> weakest =
                        new ArrayList<>(indicators.subList(Math.max(0, indicators.size() - 5), indicators.size()));
                java.util.Collections.reverse(weakest);
                pages.table(
                        List.of("Самые низкие", "Среднее"),
                        List.of(420f, 75f),
                        weakest.stream()
                                .map(i -> List.of(i.id() + " " + i.name(), Numbers.format(i.mean())))
                                .toList());

                List<PublicOrganization> ranked = figures.ranked();
                pages.heading("Организации с наибольшим и наименьшим " + main);
                pages.table(
                        List.of("Лучшие", "Муниципалитет", main, "Уровень"),
                        List.of(215f, 130f, 50f, 100f),
                        organizations(ranked.subList(0, Math.min(LIST, ranked.size()))));
                List<PublicOrganization> bottom =
                        new ArrayList<>(ranked.subList(Math.max(0, ranked.size() - LIST), ranked.size()));
                java.util.Collections.reverse(bottom);
                pages.table(
                        List.of("Отстающие", "Муниципалитет", main, "Уровень"),
                        List.of(215f, 130f, 50f, 100f),
                        organizations(bottom));

                pages.heading("Изменение к прошлой кампании");
                ReportFigures.Change change = figures.change();
                if (change.compared() == 0) {
                    pages.paragraph("Прошлой кампании для сравнения нет.");
                } else {
                    pages.paragraph("Кампания " + results.previousCampaign() + ": сравнимы " + change.compared()
                            + " организаций. Среднее " + main + " было " + Numbers.format(change.meanBefore())
                            + ", стало " + Numbers.format(change.meanNow()) + " ("
                            + Numbers.change(change.meanNow().subtract(change.meanBefore()))
                            + "). Выросло у " + change.improved() + ", снизилось у " + change.declined() + ".");
                }

                pages.heading("Планы по устранению недостатков");
                if (!plans.available()) {
                    pages.paragraph("Сведения о планах не получены: отчёт сделан без базы личных кабинетов.");
                } else if (plans.plans().isEmpty()) {
                    pages.paragraph("Планов пока нет.");
                } else {
                    List<List<String>> states = new ArrayList<>();
                    plans.plans().forEach((state, count) -> states.add(List.of(state, String.valueOf(count))));
                    pages.table(List.of("Состояние плана", "Планов"), List.of(250f, 120f), states);
                    pages.paragraph("Мероприятия утверждённых планов: всего " + plans.measures() + ", выполнено "
                            + plans.done() + ", в работе " + plans.inProgress() + ", просрочено " + plans.overdue()
                            + ".");
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    private static List<List<String>> organizations(List<PublicOrganization> organizations) {
        List<List<String>> rows = new ArrayList<>();
        for (PublicOrganization o : organizations) {
            rows.add(List.of(
                    o.organization().name(),
                    o.organization().municipality(),
                    Numbers.format(o.score()),
                    o.level() + ", " + RankingWorkbook.typeName(o.organization().type())));
        }
        return rows;
    }

    /** The file's dates are the cut-off, its identifier a hash of what it says: the same report, the same bytes. */
    private static void describe(PDDocument document, PublicResults results, PlanSummary plans) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle("Аналитический отчёт НОКО: " + results.title());
        info.setCreator("noko");
        info.setProducer("noko");
        Calendar at = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC));
        at.setTimeInMillis(results.cutOff().toEpochMilli());
        info.setCreationDate(at);
        info.setModificationDate(at);
        byte[] id = Arrays.copyOf(sha256(results.toString() + "\n" + plans), 16);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        document.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    private static String instant(PublicResults results) {
        return results.cutOff().toString().replace('T', ' ').replace("Z", "");
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
