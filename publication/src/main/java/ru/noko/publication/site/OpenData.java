package ru.noko.publication.site;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import ru.noko.export.ranking.RankingWorkbook;
import ru.noko.publication.figures.PublicFigure;
import ru.noko.publication.figures.PublicIndicator;
import ru.noko.publication.figures.PublicOrganization;
import ru.noko.publication.figures.PublicResults;

/**
 * A campaign's results as an open data set, the way Russian open data is published: {@code data.csv} (one row per
 * organization), the same in {@code data.json}, {@code structure.csv} describing every field (name, description in
 * English and Russian, format), and the passport {@code meta.csv}. Values are the published ones, with a point.
 */
public final class OpenData {

    public static final String DATA_CSV = "data.csv";
    public static final String DATA_JSON = "data.json";
    public static final String STRUCTURE = "structure.csv";
    public static final String PASSPORT = "meta.csv";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE.withZone(ZoneOffset.UTC);

    private final PublicResults results;
    private final List<Field> fields = new ArrayList<>();

    /** A column of the data set: its name, what it means, its format, and how a row's value is read. */
    record Field(
            String name, String english, String russian, String format, Function<PublicOrganization, Object> value) {}

    public OpenData(PublicResults results) {
        this.results = results;
        add(
                "organization_id",
                "organization id in the registry",
                "идентификатор организации в реестре",
                "string",
                o -> o.id());
        add(
                "name",
                "organization name",
                "наименование организации",
                "string",
                o -> o.organization().name());
        add(
                "inn",
                "taxpayer number (INN)",
                "ИНН",
                "string",
                o -> o.organization().inn());
        add(
                "type",
                "organization type",
                "тип организации",
                "string",
                o -> RankingWorkbook.typeName(o.organization().type()));
        add(
                "municipality",
                "municipality",
                "муниципальное образование",
                "string",
                o -> o.organization().municipality());
        add(
                "region",
                "region",
                "субъект Российской Федерации",
                "string",
                o -> o.organization().region());
        for (String id : results.figureIds()) {
            String name = results.figureNames().get(id);
            add(
                    column(id),
                    name + " (published, 2 decimals)",
                    name + " (опубликованное значение, 2 знака)",
                    "number",
                    o -> value(o.figure(id)));
        }
        add("level", "level of the main figure", "уровень итогового показателя", "string", PublicOrganization::level);
        add(
                "respondents",
                "accepted responses counted",
                "принятых ответов учтено",
                "integer",
                PublicOrganization::respondents);
        add(
                "coverage_share",
                "responses over the contingent (0–1)",
                "доля опрошенных от контингента (0–1)",
                "number",
                PublicOrganization::coverageShare);
        add(
                "representative",
                "every role reached the coverage target",
                "цель охвата достигнута по каждой роли",
                "boolean",
                PublicOrganization::representative);
        add(
                "rank_region",
                "place in the region among organizations of its type",
                "место в регионе среди организаций своего типа",
                "integer",
                PublicOrganization::rankInRegion);
        add(
                "rank_municipality",
                "place in the municipality among organizations of its type",
                "место в муниципалитете среди организаций своего типа",
                "integer",
                PublicOrganization::rankInMunicipality);
        List<PublicIndicator> indicators = results.organizations().isEmpty()
                ? List.of()
                : results.organizations().get(0).indicators();
        for (PublicIndicator indicator : indicators) {
            String id = indicator.id();
            String column = "indicator_" + column(id);
            add(
                    column,
                    "indicator " + id + ": " + indicator.name(),
                    "показатель " + id + ": " + indicator.name(),
                    "number",
                    o -> indicator(o, id) == null ? null : indicator(o, id).value());
            add(
                    column + "_numerator",
                    "indicator " + id + ": numerator",
                    "показатель " + id + ": числитель",
                    "integer",
                    o -> indicator(o, id) == null ? null : indicator(o, id).numerator());
            add(
                    column + "_denominator",
                    "indicator " + id + ": denominator",
                    "показатель " + id + ": знаменатель",
                    "integer",
                    o -> indicator(o, id) == null ? null : indicator(o, id).denominator());
        }
    }

    public String csv() throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord(fields.stream().map(Field::name).toList());
            for (PublicOrganization organization : results.organizations()) {
                List<Object> row = new ArrayList<>();
                for (Field field : fields) {
                    Object value = field.value().apply(organization);
                    row.add(value instanceof BigDecimal number ? number.toPlainString() : value == null ? "" : value);
                }
                printer.printRecord(row);
            }
        }
        return out.toString();
    }

    public String json() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("campaign", results.campaignId());
        root.put("title", results.title());
        root.put("cutOff", results.cutOff().toString());
        ArrayNode rows = root.putArray("organizations");
        for (PublicOrganization organization : results.organizations()) {
            ObjectNode row = rows.addObject();
            for (Field field : fields) {
                row.set(field.name(), JSON.valueToTree(field.value().apply(organization)));
            }
        }
        return JSON.writeValueAsString(root);
    }

    public String structure() throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord("field name", "english description", "russian description", "format");
            for (Field field : fields) {
                printer.printRecord(field.name(), field.english(), field.russian(), field.format());
            }
        }
        return out.toString();
    }

    /** The passport: what the set is, who made it, when, and where its data and structure lie. */
    public String passport(SiteAddress site, String creator) throws IOException {
        String day = DAY.format(results.cutOff());
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("standardversion", "http://opendata.gosmonitor.ru/standard/3.0");
        properties.put("identifier", "noko-" + results.campaignId());
        properties.put("title", "Результаты независимой оценки качества: " + results.title());
        properties.put(
                "description",
                "Показатели, критерии и итоговый балл каждой организации, её уровень и места, число респондентов"
                        + " и охват; учтены ответы, полученные до " + results.cutOff() + " (UTC)");
        properties.put("creator", creator);
        properties.put("created", day);
        properties.put("modified", day);
        properties.put("subject", "образование, независимая оценка качества");
        properties.put("format", "csv");
        properties.put("data-" + day + "-structure-" + day, site.absolute(results.campaignId() + "/" + DATA_CSV));
        properties.put("structure-" + day, site.absolute(results.campaignId() + "/" + STRUCTURE));
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord("property", "value");
            for (Map.Entry<String, String> property : properties.entrySet()) {
                printer.printRecord(property.getKey(), property.getValue());
            }
        }
        return out.toString();
    }

    List<Field> fields() {
        return List.copyOf(fields);
    }

    private void add(
            String name, String english, String russian, String format, Function<PublicOrganization, Object> value) {
        fields.add(new Field(name, english, russian, format, value));
    }

    private static BigDecimal value(PublicFigure figure) {
        return figure == null ? null : figure.value();
    }

    private static PublicIndicator indicator(PublicOrganization organization, String id) {
        return organization.indicators().stream()
                .filter(i -> i.id().equals(id))
                .findFirst()
                .orElse(null);
    }

    /** A column name of ASCII letters, digits and underscores: К1 → K1 (Cyrillic К), 1.1 → 1_1. */
    static String column(String id) {
        String latin = id.replace('К', 'K').replace('к', 'k');
        return latin.replaceAll("[^A-Za-z0-9]+", "_");
    }
}
