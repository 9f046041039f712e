package ru.noko.portal.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import ru.noko.export.files.Column;
import ru.noko.export.files.ColumnKind;
import ru.noko.export.files.Sheet;
import ru.noko.export.files.Workbook;
import ru.noko.export.files.XlsxWriter;
import ru.noko.methodology.registry.Organization;

/**
 * Every plan of a campaign as the ministry downloads it: one row per measure in the federal form's columns, with the
 * organization, the plan's state and the measure's status; written by the export's own XLSX writer.
 */
final class PlansWorkbook {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private PlansWorkbook() {}

    static byte[] write(
            String campaignId, Map<String, Plan> plans, Map<String, Organization> organizations, LocalDate today)
            throws IOException {
        List<Column> columns = List.of(
                new Column("Организация", ColumnKind.TEXT, 40),
                new Column("ИНН", ColumnKind.TEXT, 13),
                new Column("Муниципалитет", ColumnKind.TEXT, 26),
                new Column("Состояние плана", ColumnKind.TEXT, 18),
                new Column("Критерий", ColumnKind.TEXT, 9),
                new Column("Недостаток", ColumnKind.TEXT, 50),
                new Column("Мероприятие", ColumnKind.TEXT, 50),
                new Column("Плановый срок", ColumnKind.TEXT, 13),
                new Column("Ответственный (ФИО)", ColumnKind.TEXT, 26),
                new Column("Должность", ColumnKind.TEXT, 22),
                new Column("Принятые меры", ColumnKind.TEXT, 40),
                new Column("Фактический срок", ColumnKind.TEXT, 13),
                new Column("Состояние мероприятия", ColumnKind.TEXT, 16));
        List<List<Object>> rows = new ArrayList<>();
        for (Map.Entry<String, Plan> entry : plans.entrySet()) {
            Organization organization = organizations.get(entry.getKey());
            Plan plan = entry.getValue();
            for (Measure m : plan.measures()) {
                rows.add(Arrays.asList(
                        organization == null ? entry.getKey() : organization.name(),
                        organization == null ? "" : organization.inn(),
                        organization == null ? "" : organization.municipality(),
                        plan.state().russianName(),
                        m.criterion(),
                        m.deficiency(),
                        m.measure(),
                        m.plannedDate() == null ? "" : DAY.format(m.plannedDate()),
                        m.responsibleName(),
                        m.responsiblePosition(),
                        m.taken(),
                        m.actualDate() == null ? "" : DAY.format(m.actualDate()),
                        m.status(today).russianName()));
            }
        }
        // The writer makes the file itself (it refuses to overwrite one): a fresh folder for it.
        Path folder = Files.createTempDirectory("plans-");
        Path file = folder.resolve("plans-" + campaignId + ".xlsx");
        try {
            XlsxWriter.write(new Workbook(List.of(new Sheet("Планы", "plans.csv", columns, rows))), file);
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(folder);
        }
    }
}
