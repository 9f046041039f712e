package ru.noko.methodology.data;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the project's data files (questionnaires, scoring models, self-assessments) strictly: an unknown key is an
 * error, not something silently ignored, because a typo in a model file would otherwise change a score.
 */
public final class DataFiles {

    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            // Campaign windows are dates (2026-02-15).
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private DataFiles() {}

    public static ObjectMapper yaml() {
        return YAML;
    }

    public static ObjectMapper json() {
        return JSON;
    }

    public static <T> T readYaml(Path file, Class<T> type) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return YAML.readValue(in, type);
        }
    }

    /** A data file shipped in the schemas jar, e.g. {@code instruments/noko-education.yaml}. */
    public static <T> T readYamlResource(String resource, Class<T> type) throws IOException {
        try (InputStream in = DataFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no " + resource + " on the classpath");
            }
            return YAML.readValue(in, type);
        }
    }
}
