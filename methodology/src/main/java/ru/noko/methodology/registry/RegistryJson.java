package ru.noko.methodology.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import ru.noko.schemas.Identifiers;

/**
 * A registry entry on the organizations topic: {@code {"organizationId", "name", "inn", "type", "municipality",
 * "region", "contingent": {"parent": 420, ...}}}, held to the same rules as the CSV import.
 */
public final class RegistryJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryJson() {}

    public static Organization parse(String json) throws IOException {
        JsonNode node = JSON.readTree(json);
        String id = text(node, "organizationId");
        if (!Identifiers.ID_PATTERN.matcher(id).matches()) {
            throw new IllegalArgumentException("organizationId must match " + Identifiers.ID);
        }
        String inn = text(node, "inn");
        if (!Inn.isValid(inn)) {
            throw new IllegalArgumentException("inn: неверный ИНН");
        }
        OrganizationType type = OrganizationType.fromCode(text(node, "type"))
                .orElseThrow(() -> new IllegalArgumentException("type: ожидается preschool, general или additional"));
        Map<String, Integer> contingent = node.has("contingent")
                ? JSON.convertValue(node.get("contingent"), new TypeReference<LinkedHashMap<String, Integer>>() {})
                : Map.of();
        return new Organization(
                id, text(node, "name"), inn, type, text(node, "municipality"), text(node, "region"), contingent);
    }

    public static String write(Organization organization) throws IOException {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("organizationId", organization.id());
        node.put("name", organization.name());
        node.put("inn", organization.inn());
        node.put("type", organization.type().code());
        node.put("municipality", organization.municipality());
        node.put("region", organization.region());
        node.put("contingent", organization.contingent());
        return JSON.writeValueAsString(node);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value.asText().strip();
    }
}
