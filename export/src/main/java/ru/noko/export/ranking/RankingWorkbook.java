package ru.noko.export.ranking;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import ru.noko.export.files.Column;
import ru.noko.export.files.ColumnKind;
import ru.noko.export.files.Sheet;
import ru.noko.export.files.Workbook;
import ru.noko.methodology.campaign.OrganizationResult;
import ru.noko.methodology.campaign.RoleCoverage;
import ru.noko.methodology.campaign.TerritoryFigure;
import ru.noko.methodology.campaign.TerritoryResult;
import ru.noko.methodology.model.NokoModel;
import ru.noko.methodology.model.ScoringModel;
import ru.noko.methodology.registry.OrganizationType;
import ru.noko.methodology.scoring.Exact;
import ru.noko.methodology.scoring.Metric;

/**
 * The ministry's export of one campaign as sheets: organizations ranked within their region and municipality among
 * organizations of their own type, municipalities ranked within their region, the region, every indicator with its
 * numerator and denominator, and the methodology and parameters. Every figure is the published value of the exact
 * methodology engine (two decimals, half up); an organization below the coverage target is ranked and flagged.
 *
 * <p>Why one class of this size: the five sheets share the campaign's figure columns, their names, ranks and flags;
 * one class builds them all from one context, so that every sheet (and the CSV file made of it) states a figure alike.
 */
public final class RankingWorkbook {

    static final String TIE_RULE =
            "равные опубликованные значения (два знака) делят место, следующее место пропускается"
                    + " («1, 2, 2, 4»); организации без итогового балла места не получают";

    private final ExportContext context;
    private final ScoringModel model;
    private final List<String> summary;
    private final Map<String, String> names = new LinkedHashMap<>();

    public RankingWorkbook(ExportContext context) {
        this.context = context;
        this.model = context.campaign().model();
        this.summary = summaryMetrics(model);
        context.result()
                .organizations()
                .forEach(result -> result.metrics().forEach(m -> names.putIfAbsent(m.id(), m.name())));
    }

    public Workbook build() {
        return new Workbook(List.of(organizations(), municipalities(), regions(), indicators(), parameters()));
    }

    /** The figures a ranking table shows: a НОКО model's criteria and score, every topic of a topic-share model. */
    public static List<String> summaryMetrics(ScoringModel model) {
        if (model instanceof NokoModel noko) {
            List<String> ids = new ArrayList<>(noko.criteria().stream()
                    .map(NokoModel.CriterionDefinition::id)
                    .toList());
            ids.add(noko.score().id());
            return ids;
        }
        return null;
    }

    private List<String> summaryIds() {
        return figureIds(context);
    }

    /**
     * The figures a ranking table shows for this export, in order: К1–К5 and S of a НОКО model, every figure of
     * another model's organizations.
     */
    public static List<String> figureIds(ExportContext context) {
        List<String> summary = summaryMetrics(context.campaign().model());
        if (summary != null) {
            return summary;
        }
        return context.result().organizations().isEmpty()
                ? List.of(context.campaign().model().mainMetric())
                : context.result().organizations().get(0).metrics().stream()
                        .map(Metric::id)
                        .toList();
    }

    Sheet organizations() {
        List<OrganizationResult> all = context.result().organizations();
        OrganizationRanks ranks = OrganizationRanks.of(all);

        List<Column> columns = new ArrayList<>(List.of(
                new Column("Место в регионе (среди организаций своего типа)", ColumnKind.INTEGER, 17),
                new Column("Место в муниципалитете (среди организаций своего типа)", ColumnKind.INTEGER, 17),
                new Column("Организация", ColumnKind.TEXT, 48),
                new Column("ИНН", ColumnKind.TEXT, 13),
                new Column("Тип организации", ColumnKind.TEXT, 26),
                new Column("Муниципалитет", ColumnKind.TEXT, 30),
                new Column("Регион", ColumnKind.TEXT, 24)));
        summaryIds().forEach(id -> columns.add(figureColumn(id)));
        columns.addAll(List.of(
                new Column("Уровень", ColumnKind.TEXT, 22),
                new Column("Респондентов", ColumnKind.INTEGER, 13),
                new Column("Охват контингента", ColumnKind.SHARE_PERCENT, 12),
                new Column("Цель охвата достигнута", ColumnKind.FLAG, 12),
                new Column("Веса пересчитаны", ColumnKind.FLAG, 13)));

        List<OrganizationResult> ordered = new ArrayList<>(all);
        ordered.sort(
                Comparator.comparing((OrganizationResult r) -> r.organization().region())
                        .thenComparing(r -> r.organization().type().ordinal())
                        .thenComparing(r -> {
                            Integer rank = ranks.inRegion(r);
                            return rank == null ? Integer.MAX_VALUE : rank;
                        })
                        .thenComparing(r -> r.organization().name())
                        .thenComparing(r -> r.organization().id()));
        List<List<Object>> rows = new ArrayList<>();
        for (OrganizationResult result : ordered) {
            List<Object> row = new ArrayList<>(java.util.Arrays.asList(
                    nullable(ranks.inRegion(result)),
                    nullable(ranks.inMunicipality(result)),
                    result.organization().name(),
                    result.organization().inn(),
                    typeName(result.organization().type()),
                    result.organization().municipality(),
                    result.organization().region()));
            summaryIds().forEach(id -> row.add(published(result, id)));
            row.add(result.level() == null ? "" : result.level());
            row.add(result.counters().responses());
            row.add(contingentShare(result.coverage()));
            row.add(result.representative());
            row.add(result.weightsRescaled());
            rows.add(row);
        }
        return new Sheet("Организации", "organizations.csv", columns, rows);
    }

    Sheet municipalities() {
        List<TerritoryResult> all = new ArrayList<>();
        for (TerritoryResult municipality : context.result().municipalities()) {
            all.add(municipality);
            all.addAll(municipality.byType());
        }
        Map<TerritoryResult, Integer> ranks = new java.util.IdentityHashMap<>();
        group(all, t -> t.region() + "\n" + t.organizationType())
                .forEach(peers -> ranks.putAll(CompetitionRanks.of(peers, this::mainOf)));
        List<Column> columns = new ArrayList<>(List.of(
                new Column("Место в регионе (среди муниципалитетов, по тому же типу)", ColumnKind.INTEGER, 16),
                new Column("Регион", ColumnKind.TEXT, 24),
                new Column("Муниципалитет", ColumnKind.TEXT, 30),
                new Column("Тип организаций", ColumnKind.TEXT, 26)));
        columns.addAll(territoryColumns());
        List<TerritoryResult> ordered = new ArrayList<>(all);
        ordered.sort(Comparator.comparing(TerritoryResult::region)
                .thenComparing(t -> t.organizationType() == null ? "" : t.organizationType())
                .thenComparing(t -> ranks.getOrDefault(t, Integer.MAX_VALUE))
                .thenComparing(TerritoryResult::municipality));
        List<List<Object>> rows = new ArrayList<>();
        for (TerritoryResult territory : ordered) {
            List<Object> row = new ArrayList<>(java.util.Arrays.asList(
                    nullable(ranks.get(territory)),
                    territory.region(),
                    territory.municipality(),
                    typeName(territory.organizationType())));
            row.addAll(territoryFigures(territory));
            rows.add(row);
        }
        return new Sheet("Муниципалитеты", "municipalities.csv", columns, rows);
    }

    Sheet regions() {
        List<Column> columns = new ArrayList<>(
                List.of(new Column("Регион", ColumnKind.TEXT, 24), new Column("Тип организаций", ColumnKind.TEXT, 26)));
        columns.addAll(territoryColumns());
        List<List<Object>> rows = new ArrayList<>();
        for (TerritoryResult region : context.result().regions()) {
            for (TerritoryResult territory : withTypes(region)) {
                List<Object> row = new ArrayList<>(List.of(territory.region(), typeName(territory.organizationType())));
                row.addAll(territoryFigures(territory));
                rows.add(row);
            }
        }
        return new Sheet("Регион", "regions.csv", columns, rows);
    }

    Sheet indicators() {
        List<Column> columns = List.of(
                new Column("Организация", ColumnKind.TEXT, 48),
                new Column("ИНН", ColumnKind.TEXT, 13),
                new Column("Муниципалитет", ColumnKind.TEXT, 30),
                new Column("Код", ColumnKind.TEXT, 8),
                new Column("Показатель", ColumnKind.TEXT, 60),
                new Column("Значение", ColumnKind.DECIMAL_2, 10),
                new Column("Числитель", ColumnKind.INTEGER, 11),
                new Column("Знаменатель", ColumnKind.INTEGER, 12),
                new Column("Части (числитель/знаменатель)", ColumnKind.TEXT, 22),
                new Column("Статус", ColumnKind.TEXT, 16),
                new Column("Примечание", ColumnKind.TEXT, 40));
        List<OrganizationResult> ordered = new ArrayList<>(context.result().organizations());
        ordered.sort(
                Comparator.comparing((OrganizationResult r) -> r.organization().region())
                        .thenComparing(r -> r.organization().municipality())
                        .thenComparing(r -> r.organization().name())
                        .thenComparing(r -> r.organization().id()));
        List<List<Object>> rows = new ArrayList<>();
        for (OrganizationResult result : ordered) {
            for (Metric metric : result.metrics()) {
                boolean counted = !metric.parts().isEmpty();
                rows.add(java.util.Arrays.asList(
                        result.organization().name(),
                        result.organization().inn(),
                        result.organization().municipality(),
                        metric.id(),
                        metric.name(),
                        metric.published(),
                        counted ? metric.numerator() : null,
                        counted && metric.denominator() > 0 ? metric.denominator() : null,
                        metric.partsText(),
                        status(metric),
                        metric.note() == null ? "" : metric.note()));
            }
        }
        return new Sheet("Показатели", "indicators.csv", columns, rows);
    }

    Sheet parameters() {
        List<Column> columns =
                List.of(new Column("Параметр", ColumnKind.TEXT, 44), new Column("Значение", ColumnKind.TEXT, 90));
        List<List<Object>> rows = new ArrayList<>();
        var definition = context.campaign().definition();
        List<OrganizationResult> organizations = context.result().organizations();
        long belowTarget =
                organizations.stream().filter(r -> !r.representative()).count();
        long unscored = organizations.stream().filter(r -> main(r) == null).count();
        rows.add(List.of("Кампания", definition.id()));
        rows.add(List.of("Название", definition.title() == null ? "" : definition.title()));
        rows.add(List.of(
                "Анкета",
                context.campaign().instrument().id() + " v"
                        + context.campaign().instrument().version()));
        rows.add(List.of(
                "Модель оценки", model.id() + (model instanceof NokoModel noko ? ", редакция " + noko.edition() : "")));
        rows.add(List.of("Итоговый показатель, по которому ранжируют", model.mainMetric()));
        rows.add(List.of("Учтены ответы, полученные до (UTC)", instant(context.cutOff())));
        rows.add(List.of(
                "Решения антифрода перепроверены (UTC)",
                context.recheckedAt() == null ? "нет: решения потоковой проверки" : instant(context.recheckedAt())));
        rows.add(List.of("Версия noko", context.softwareVersion()));
        rows.add(List.of(
                "Цель охвата",
                context.campaign()
                                .coverage()
                                .target()
                                .multiply(BigDecimal.valueOf(100))
                                .stripTrailingZeros()
                                .toPlainString()
                        + " % контингента каждой роли, не более "
                        + context.campaign().coverage().maxRespondents()
                        + " на организацию и роль"));
        rows.add(List.of("Правило мест", TIE_RULE));
        rows.add(List.of(
                "Округление",
                "опубликованное значение — точное значение, округлённое один раз до двух знаков," + " половина вверх"));
        rows.add(List.of("Организаций", String.valueOf(organizations.size())));
        rows.add(List.of("Ниже цели охвата (ранжированы, отмечены)", String.valueOf(belowTarget)));
        rows.add(List.of("Без итогового балла (без места)", String.valueOf(unscored)));
        long accepted =
                organizations.stream().mapToLong(r -> r.counters().responses()).sum();
        rows.add(List.of("Принятых ответов", String.valueOf(accepted)));
        new TreeMap<>(context.rejectedByReason())
                .forEach((reason, count) -> rows.add(List.of("Исключено: " + reason, String.valueOf(count))));
        names.forEach((id, name) -> rows.add(List.of("Показатель " + id, name)));
        return new Sheet("Методика и параметры", "parameters.csv", columns, rows);
    }

    private List<Column> territoryColumns() {
        List<Column> columns = new ArrayList<>();
        summaryIds().forEach(id -> columns.add(figureColumn(id)));
        columns.add(new Column(
                header(model.mainMetric()) + ", среднее, взвешенное по респондентам", ColumnKind.DECIMAL_2, 16));
        columns.addAll(List.of(
                new Column("Уровень", ColumnKind.TEXT, 22),
                new Column("Организаций", ColumnKind.INTEGER, 12),
                new Column("С итоговым баллом", ColumnKind.INTEGER, 12),
                new Column("С репрезентативной выборкой", ColumnKind.INTEGER, 14),
                new Column("Респондентов", ColumnKind.INTEGER, 13),
                new Column("Охват контингента", ColumnKind.SHARE_PERCENT, 12)));
        return columns;
    }

    /**
     * A figure's column: a НОКО criterion or score under its code (К1–К5 and S are what the methodology and the
     * ministry call them), a topic of a topic-share survey under its Russian name.
     */
    private Column figureColumn(String id) {
        return summary != null
                ? new Column(id, ColumnKind.DECIMAL_2, 9)
                : new Column(header(id), ColumnKind.DECIMAL_2, 16);
    }

    private String header(String id) {
        return summary != null ? id : names.getOrDefault(id, id);
    }

    private List<Object> territoryFigures(TerritoryResult territory) {
        List<Object> row = new ArrayList<>();
        summaryIds().forEach(id -> row.add(figure(territory, id)));
        TerritoryFigure main = territory.figures().stream()
                .filter(f -> f.id().equals(model.mainMetric()))
                .findFirst()
                .orElse(null);
        row.add(main == null || main.respondentWeighted() == null ? null : Exact.published(main.respondentWeighted()));
        row.add(territory.level() == null ? "" : territory.level());
        row.add((long) territory.organizations());
        row.add((long) territory.scored());
        row.add((long) territory.representative());
        row.add(territory.responses());
        row.add(contingentShare(territory.coverage()));
        return row;
    }

    private BigDecimal mainOf(TerritoryResult territory) {
        return figure(territory, model.mainMetric());
    }

    /** A territory's published figure (two decimals), null where no organization has it. */
    public static BigDecimal figure(TerritoryResult territory, String id) {
        return territory.figures().stream()
                .filter(f -> f.id().equals(id) && f.value() != null)
                .findFirst()
                .map(f -> Exact.published(f.value()))
                .orElse(null);
    }

    private static List<TerritoryResult> withTypes(TerritoryResult territory) {
        List<TerritoryResult> list = new ArrayList<>();
        list.add(territory);
        list.addAll(territory.byType());
        return list;
    }

    private static BigDecimal main(OrganizationResult result) {
        return OrganizationRanks.main(result);
    }

    /** An organization's published figure (two decimals), null while it is undefined. */
    public static BigDecimal published(OrganizationResult result, String id) {
        return result.metrics().stream()
                .filter(m -> m.id().equals(id) && m.isDefined())
                .findFirst()
                .map(Metric::published)
                .orElse(null);
    }

    /** Responses over the contingent, summed over the roles that have one; null without a contingent. */
    public static BigDecimal contingentShare(List<RoleCoverage> coverage) {
        long contingent = coverage.stream().mapToLong(RoleCoverage::contingent).sum();
        long responses = coverage.stream().mapToLong(RoleCoverage::responses).sum();
        return contingent == 0
                ? null
                : BigDecimal.valueOf(responses)
                        .divide(BigDecimal.valueOf(contingent), 4, java.math.RoundingMode.HALF_UP);
    }

    private static String status(Metric metric) {
        return switch (metric.status()) {
            case OK -> "";
            case NO_DATA -> "нет данных";
            case MISSING_INPUT -> "нет самооценки";
        };
    }

    public static String typeName(OrganizationType type) {
        return type == null ? "все типы" : typeName(type.code());
    }

    public static String typeName(String code) {
        if (code == null || code.isEmpty()) {
            return "все типы";
        }
        return switch (code) {
            case "preschool" -> "дошкольные";
            case "general" -> "общеобразовательные";
            case "additional" -> "дополнительного образования";
            default -> code;
        };
    }

    private static String instant(Instant instant) {
        return instant.toString().replace('T', ' ').replace("Z", "");
    }

    private static Object nullable(Integer rank) {
        return rank == null ? null : (Object) rank.longValue();
    }

    private static <T> java.util.Collection<List<T>> group(List<T> items, java.util.function.Function<T, String> key) {
        return items.stream()
                .collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.toList()))
                .values();
    }
}
