package ru.noko.pipeline.results;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.registry.RegistryJson;

/**
 * Registry entries and self-assessments parsed once per distinct JSON text, not on every emission: live figures
 * are recomputed every second from the same few thousand facts. Held by one operator instance, never in state.
 */
final class ParsedFacts {

    /** Enough for every organization of a large region; past it the memo starts afresh. */
    private static final int LIMIT = 50_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Organization> organizations = new HashMap<>();
    private final Map<String, Map<String, Integer>> inputs = new HashMap<>();

    Organization organization(String registryJson) throws IOException {
        Organization known = organizations.get(registryJson);
        if (known == null) {
            known = RegistryJson.parse(registryJson);
            remember(organizations, registryJson, known);
        }
        return known;
    }

    Map<String, Integer> inputs(String inputsJson) throws IOException {
        Map<String, Integer> known = inputs.get(inputsJson);
        if (known == null) {
            known = Map.copyOf(JSON.readValue(inputsJson, new TypeReference<Map<String, Integer>>() {}));
            remember(inputs, inputsJson, known);
        }
        return known;
    }

    private static <T> void remember(Map<String, T> memo, String json, T value) {
        if (memo.size() >= LIMIT) {
            memo.clear();
        }
        memo.put(json, value);
    }
}
