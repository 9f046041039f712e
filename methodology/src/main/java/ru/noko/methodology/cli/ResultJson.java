package ru.noko.methodology.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import ru.noko.methodology.campaign.CampaignResult;
import ru.noko.methodology.campaign.OrganizationResult;
import ru.noko.methodology.campaign.RoleCoverage;
import ru.noko.methodology.campaign.TerritoryFigure;
import ru.noko.methodology.campaign.TerritoryResult;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.scoring.Level;
import ru.noko.methodology.scoring.Metric;

/**
 * The {@code score} command's JSON: values in full precision ({@code value}) and as published, 2 decimals half-up
 * ({@code published}); an undefined figure has {@code value: null} and a status saying why.
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
                number(f, "mean", figure.mean());
                number(f, "respondentWeightedMean", figure.respondentWeighted());
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
        number(node, "value", metric.value());
        node.put("status", metric.status().name());
        if (metric.note() != null) {
            node.put("note", metric.note());
        }
    }

    private static void coverage(ArrayNode array, List<RoleCoverage> coverage) {
        for (RoleCoverage role : coverage) {
            ObjectNode node = array.addObject();
            node.put("role", role.role());
            node.put("responses", role.responses());
            node.put("contingent", role.contingent());
            node.put("required", role.required());
            number(node, "share", role.share() == null ? null : role.share() * 100);
            node.put("met", role.met());
        }
    }

    /** {@code name}: full precision, {@code namePublished}: 2 decimals half-up; both null when undefined. */
    private static void number(ObjectNode node, String name, Double value) {
        if (value == null) {
            node.putNull(name);
            node.putNull(name + "Published");
        } else {
            node.put(name, value);
            node.put(name + "Published", Level.Rounding.published(value));
        }
    }
}
