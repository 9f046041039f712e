package ru.noko.dashboards.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Lenient reading of dashboard JSON: a wrong shape reads as absent, and the schema check reports it. */
public final class Json {

    /** A string somewhere in a JSON document, with the JSON pointer to it. */
    public record StringAt(String pointer, String value) {}

    private Json() {}

    /** The text of a string, number or boolean; empty for anything else. */
    public static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : "";
    }

    public static List<JsonNode> elements(JsonNode node) {
        List<JsonNode> elements = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(elements::add);
        }
        return elements;
    }

    /** {@code " «title»"}, or nothing for an empty title: how findings and pictures name a thing by its title. */
    public static String quoted(String title) {
        return title.isEmpty() ? "" : " «" + title + "»";
    }

    /** Every string under {@code node}, depth first, leaving out the members named in {@code skip}. */
    public static List<StringAt> strings(JsonNode node, String pointer, Set<String> skip) {
        List<StringAt> strings = new ArrayList<>();
        collect(node, pointer, skip, strings);
        return strings;
    }

    private static void collect(JsonNode node, String pointer, Set<String> skip, List<StringAt> strings) {
        if (node.isTextual()) {
            strings.add(new StringAt(pointer, node.asText()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, skip, strings);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!skip.contains(field.getKey())) {
                    collect(
                            field.getValue(),
                            pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1"),
                            skip,
                            strings);
                }
            }
        }
    }
}
