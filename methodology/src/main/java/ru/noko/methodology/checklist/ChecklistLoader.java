package ru.noko.methodology.checklist;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import ru.noko.methodology.data.DataFiles;
import ru.noko.methodology.data.DataFormatException;
import ru.noko.methodology.model.NokoModel;

/**
 * Reads a self-assessment checklist from YAML and checks it against the model whose expert inputs it fills: every
 * input it names is the model's, every expert input of the model is filled by exactly one section, no section has
 * more items than its input may count, and item ids are unique.
 */
public final class ChecklistLoader {

    public static final String FOLDER = "checklists/";

    private ChecklistLoader() {}

    /** The checklist shipped in the schemas jar for the model: {@code checklists/<model id>.yaml}. */
    public static Checklist bundled(NokoModel model) throws IOException {
        String source = FOLDER + model.id() + ".yaml";
        try (InputStream in = ChecklistLoader.class.getClassLoader().getResourceAsStream(source)) {
            if (in == null) {
                throw new IOException("no " + source + " on the classpath");
            }
            return parse(DataFiles.yaml().readTree(in), model, source);
        }
    }

    static Checklist parse(JsonNode tree, NokoModel model, String source) {
        List<String> problems = new ArrayList<>();
        List<Checklist.Section> sections = new ArrayList<>();
        Set<String> itemIds = new HashSet<>();
        for (JsonNode section : tree.path("sections")) {
            String sectionId = section.path("id").asText();
            Evidence sectionEvidence = evidence(section.path("evidence").asText("none"), sectionId, problems);
            List<Checklist.Item> items = new ArrayList<>();
            for (JsonNode item : section.path("items")) {
                String id = item.path("id").asText();
                if (id.isBlank() || !itemIds.add(id)) {
                    problems.add(sectionId + ": item id '" + id + "' is empty or used twice");
                }
                String text = item.path("text").asText();
                if (text.isBlank()) {
                    problems.add(sectionId + "/" + id + ": no text");
                }
                Evidence evidence = item.has("evidence")
                        ? evidence(item.path("evidence").asText(), sectionId + "/" + id, problems)
                        : sectionEvidence;
                items.add(new Checklist.Item(id, text, evidence));
            }
            if (items.isEmpty()) {
                problems.add(sectionId + ": no items");
            }
            String required =
                    section.hasNonNull("required") ? section.path("required").asText() : null;
            sections.add(new Checklist.Section(
                    sectionId,
                    section.path("indicator").asText(),
                    section.path("title").asText(),
                    section.path("present").asText(),
                    required,
                    items));
        }
        String modelId = tree.path("model").asText();
        if (!model.id().equals(modelId)) {
            problems.add("fills model '" + modelId + "', not '" + model.id() + "'");
        }
        checkInputs(sections, model, problems);
        if (!problems.isEmpty()) {
            throw new DataFormatException(source, problems);
        }
        return new Checklist(modelId, tree.path("title").asText(), sections);
    }

    private static void checkInputs(List<Checklist.Section> sections, NokoModel model, List<String> problems) {
        Map<String, NokoModel.ExpertInput> inputs = new LinkedHashMap<>();
        model.expertInputs().forEach(input -> inputs.put(input.id(), input));
        Set<String> filled = new HashSet<>();
        for (Checklist.Section section : sections) {
            List<String> named = new ArrayList<>(List.of(section.present()));
            if (section.required() != null) {
                named.add(section.required());
            }
            for (String input : named) {
                NokoModel.ExpertInput known = inputs.get(input);
                if (known == null) {
                    problems.add(section.id() + ": the model has no expert input '" + input + "'");
                } else if (!filled.add(input)) {
                    problems.add(section.id() + ": expert input '" + input + "' is filled by another section too");
                } else if (section.items().size() > known.max()) {
                    problems.add(section.id() + ": " + section.items().size() + " items, but '" + input
                            + "' counts at most " + known.max());
                }
            }
        }
        inputs.keySet().stream()
                .filter(input -> !filled.contains(input))
                .forEach(input -> problems.add("no section fills the model's expert input '" + input + "'"));
    }

    private static Evidence evidence(String text, String where, List<String> problems) {
        try {
            return Evidence.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(where + ": evidence must be photo, link, comment or none, not '" + text + "'");
            return Evidence.NONE;
        }
    }
}
