package ru.noko.dashboards.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import ru.noko.dashboards.Project;

/**
 * Validates dashboard files against the JSON Schema generated from Grafana's published {@code Dashboard} type, through
 * the Node script {@code dashboards/src/test/node/validate.mjs} (installed by {@code ./noko setup}).
 */
final class GrafanaSchema {

    /** One schema violation: where in the dashboard (a JSON pointer) and what is wrong. */
    record Error(String path, String message) {

        @Override
        public String toString() {
            return path + " " + message;
        }
    }

    /** @param errors each file's errors, in the order given, empty for a valid file */
    record Report(String grafanaVersion, Map<Path, List<Error>> errors) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private GrafanaSchema() {}

    static Report validate(List<Path> files) throws Exception {
        Path folder = Project.root().resolve("dashboards/src/test/node");
        if (!Files.isDirectory(folder.resolve("node_modules/ajv"))) {
            throw new IllegalStateException("the schema check is not installed in " + folder + ": run ./noko setup");
        }
        List<String> command =
                new ArrayList<>(List.of("node", folder.resolve("validate.mjs").toString()));
        files.forEach(file -> command.add(file.toAbsolutePath().toString()));
        Process node = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String stdout = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!node.waitFor(120, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new IllegalStateException("validate.mjs did not finish in 120 s");
        }
        if (stdout.isBlank()) {
            throw new IllegalStateException("validate.mjs printed nothing (exit " + node.exitValue() + ")");
        }
        JsonNode output = JSON.readTree(stdout);
        Map<Path, List<Error>> errors = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            List<Error> list = new ArrayList<>();
            for (JsonNode error : output.get("dashboards").get(i).get("errors")) {
                list.add(new Error(
                        error.get("path").asText(), error.get("message").asText()));
            }
            errors.put(files.get(i), List.copyOf(list));
        }
        return new Report(output.get("grafanaSchema").asText(), errors);
    }
}
