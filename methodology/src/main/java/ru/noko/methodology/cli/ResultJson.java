package ru.noko.methodology.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.commons.numbers.fraction.BigFraction;
import ru.noko.methodology.campaign.CampaignResult;
import ru.noko.methodology.campaign.OrganizationResult;
import ru.noko.methodology.campaign.RoleCoverage;
import ru.noko.methodology.campaign.TerritoryFigure;
import ru.noko.methodology.campaign.TerritoryResult;
import ru.noko.methodology.model.TerritoryBasis;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.scoring.Exact;
import ru.noko.methodology.scoring.Metric;

/**
 * The {@code score} command's JSON: every value exact ({@code valueExact}, a fraction), in full precision
 * ({@code value}, the double nearest the exact value) and as published ({@code valuePublished}, 2 decimals half-up from
 * the exact value); an undefined figure has {@code value: null} and a status saying why. Every organization figure
 * also gives the counts it was computed from ({@code numerator}, {@code denominator}, {@code parts}).
 */
final class ResultJson {

    private final ObjectMapper json = new ObjectMapper();

    ObjectNode organizations(CampaignResult result, ObjectNode root) {
        ArrayNode organizations = root.putArray("organizations");
        for (OrganizationResult o : result.organizations()) {
            Organization org = o.organization();
            ObjectNode node = organizations.addObject();
            node.put("organizationId", org.id());
            node.put("name", org.name());
            node.put("type", org.type().code());
            node.put("municipality", org.municipality());
            node.put("region", org.region());
            node.put("responses", o.counters().responses());
            node.putPOJO("responsesByRole", o.counters().responsesByRole());
            node.putPOJO("counts", o.counters().counts());
            ArrayNode metrics = node.putArray("metrics");
            o.metrics().forEach(metric -> metric(metrics.addObject(), metric));
            node.put("level", o.level());
            node.put("weightsRescaled", o.weightsRescaled());
            ArrayNode rescaled = node.putArray("rescaledFigures");
            o.rescaled().forEach(rescaled::add);
            coverage(node.putArray("coverage"), o.coverage());
            node.put("representative", o.representative());
        }
        root.set("municipalities", territories(result.municipalities()));
        root.set("regions", territories(result.regions()));
        return root;
    }

    ObjectNode object() {
        return json.createObjectNode();
    }

    private ArrayNode territories(List<TerritoryResult> territories) {
        ArrayNode array = json.createArrayNode();
        for (TerritoryResult t : territories) {
            ObjectNode node = array.addObject();
            node.put("region", t.region());
            if (t.municipality() != null) {
                node.put("municipality", t.municipality());
            }
            if (t.organizationType() != null) {
                node.put("organizationType", t.organizationType());
            }
            node.put("organizations", t.organizations());
            node.put("scoredOrganizations", t.scored());
            node.put("representativeOrganizations", t.representative());
            node.put("responses", t.responses());
            ArrayNode figures = node.putArray("figures");
            for (TerritoryFigure figure : t.figures()) {
                ObjectNode f = figures.addObject();
                f.put("id", figure.id());
                f.put("name", figure.name());
                f.put("basis", figure.basis().code());
                number(f, "value", figure.value());
                number(f, "mean", figure.mean());
                number(f, "respondentWeightedMean", figure.respondentWeighted());
                if (figure.pooled() != null || figure.basis() == TerritoryBasis.POOLED_ANSWERS) {
                    number(f, "pooled", figure.pooled());
                }
                f.put("organizations", figure.organizations());
            }
            node.put("level", t.level());
            coverage(node.putArray("coverage"), t.coverage());
            if (!t.byType().isEmpty()) {
                node.set("byType", territories(t.byType()));
            }
        }
        return array;
    }

    private static void metric(ObjectNode node, Metric metric) {
        node.put("id", metric.id());
        node.put("name", metric.name());
        number(node, "value", metric.exact());
        node.put("status", metric.status().name());
        if (metric.note() != null) {
            node.put("note", metric.note());
        }
        parts(node, metric);
    }

    /**
     * The counts the figure was computed from: {@code numerator} and {@code denominator}, the sums over its
     * {@code parts} ({@code [{"numerator": 5, "denominator": 7}, ...]}); a denominator of 0 means none (items counted
     * by a points-per-item indicator). Criteria, the score and undefined figures have 0, 0 and no parts.
     */
    private static void parts(ObjectNode node, Metric metric) {
        node.put("numerator", metric.numerator());
        node.put("denominator", metric.denominator());
        ArrayNode parts = node.putArray("parts");
        for (Metric.Part part : metric.parts()) {
            ObjectNode p = parts.addObject();
            p.put("numerator", part.numerator());
            p.put("denominator", part.denominator());
        }
    }

    private static void coverage(ArrayNode array, List<RoleCoverage> coverage) {
        for (RoleCoverage role : coverage) {
            ObjectNode node = array.addObject();
            node.put("role", role.role());
            node.put("responses", role.responses());
            node.put("contingent", role.contingent());
            node.put("required", role.required());
            number(node, "share", role.share() == null ? null : role.share().multiply(Exact.HUNDRED));
            node.put("met", role.met());
        }
    }

    /**
     * {@code name}: the exact value as the nearest double (full precision, no rounding noise), {@code namePublished}:
     * 2 decimals, half-up from the exact value, {@code nameExact}: the exact fraction ({@code 255/8}); all null when
     * undefined.
     */
    private static void number(ObjectNode node, String name, BigFraction value) {
        if (value == null) {
            node.putNull(name);
            node.putNull(name + "Published");
            node.putNull(name + "Exact");
        } else {
            node.put(name, value.doubleValue());
            node.put(name + "Published", Exact.published(value));
            node.put(name + "Exact", Exact.text(value));
        }
    }
}
