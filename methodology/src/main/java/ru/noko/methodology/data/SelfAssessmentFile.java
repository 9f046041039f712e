package ru.noko.methodology.data;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.noko.methodology.model.ScoringModel;
import ru.noko.methodology.registry.OrganizationRegistry;

/**
 * Organizations' self-assessments (expert checklist inputs) as JSON:
 * {@code [{"organizationId": "...", "inputs": {"standItems": 8, ...}}, ...]}. Every problem is reported and nothing
 * is used from a file with errors, as with the registry. Read by the {@code score} command and by the tool that
 * publishes self-assessments to the streaming job.
 */
public final class SelfAssessmentFile {

    public record Entry(String organizationId, Map<String, Integer> inputs) {}

    private SelfAssessmentFile() {}

    public static Map<String, Map<String, Integer>> read(Path file, ScoringModel model, OrganizationRegistry registry)
            throws IOException {
        List<Entry> entries = DataFiles.json().readValue(file.toFile(), new TypeReference<List<Entry>>() {});
        Map<String, Map<String, Integer>> inputs = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            String at = "#" + (i + 1) + " (" + entry.organizationId() + "): ";
            if (entry.organizationId() == null
                    || registry.find(entry.organizationId()).isEmpty()) {
                problems.add(at + "организации нет в реестре");
            } else if (inputs.containsKey(entry.organizationId())) {
                problems.add(at + "самообследование организации указано дважды");
            }
            Map<String, Integer> values = entry.inputs() == null ? Map.of() : entry.inputs();
            model.checkExpertInputs(values).forEach(problem -> problems.add(at + problem));
            inputs.put(entry.organizationId(), values);
        }
        if (!problems.isEmpty()) {
            throw new DataFormatException(file.toString(), problems);
        }
        return inputs;
    }
}
