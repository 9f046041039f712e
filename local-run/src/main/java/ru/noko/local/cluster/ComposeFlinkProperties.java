package ru.noko.local.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Flink configuration the server deployment runs: docker-compose.yml's {@code x-flink-properties} block (what the
 * job manager and the task managers get as FLINK_PROPERTIES), one {@code key: value} a line, with each
 * {@code ${VAR:-default}} at its default, as Compose interpolates it when the variable is not set.
 */
public final class ComposeFlinkProperties {

    public static final String BLOCK = "x-flink-properties";

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

    private ComposeFlinkProperties() {}

    /** The block of {@code composeFile}, in its order. */
    public static Map<String, String> read(Path composeFile) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(composeFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + composeFile, e);
        }
        JsonNode block = root.path(BLOCK);
        if (!block.isTextual()) {
            throw new IllegalStateException(composeFile + " has no " + BLOCK + " block of text");
        }
        return parse(block.asText());
    }

    /** {@code key: value} lines (blank lines and {@code #} comments skipped), defaults of variables resolved. */
    public static Map<String, String> parse(String text) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("not a key: value line: " + line);
            }
            properties.put(
                    trimmed.substring(0, colon).strip(),
                    withDefaults(trimmed.substring(colon + 1).strip()));
        }
        return properties;
    }

    /** Compose's interpolation with no variable set: {@code ${X:-d}} and {@code ${X-d}} give d, {@code ${X}} nothing. */
    static String withDefaults(String value) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String operator = matcher.group(2);
            String replacement;
            if (operator == null) {
                replacement = "";
            } else if (operator.endsWith("-")) {
                replacement = matcher.group(3);
            } else {
                throw new IllegalArgumentException("required variable " + matcher.group(1) + " in " + value);
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }
}
