package ru.noko.export.files;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Period;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * What an export folder holds: every file with its size and SHA-256, sorted by name, and the parameters the caller
 * made the export with. Written as {@code manifest.json} the same way every time: the files in name order, the
 * parameters' keys sorted at every depth, two-space indent, {@code \n} line ends, no time of writing (a time belongs
 * in the parameters, if the caller wants one).
 *
 * @param files the export's files, the manifest itself not among them
 * @param parameters as the caller passed them (read-only)
 */
public record Manifest(List<ManifestFile> files, Map<String, Object> parameters) {

    public static final String FILE_NAME = "manifest.json";

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectWriter JSON = new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .writer(new DefaultPrettyPrinter(
                            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    public Manifest {
        files = files.stream().sorted(Comparator.comparing(ManifestFile::name)).toList();
        parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
        checkParameters(parameters);
    }

    /** Refuses parameters that could not be written the same way every time, before anything is written. */
    static void checkParameters(Map<String, Object> parameters) {
        json(new TreeMap<>(parameters));
    }

    /** Writes manifest.json into the folder; fails if it exists. */
    Path write(Path folder) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            out.write(toJson());
        }
        return file;
    }

    /** The manifest's exact bytes (UTF-8, ending with a line end). */
    public byte[] toJson() throws IOException {
        ObjectNode root = NODES.objectNode();
        ArrayNode list = root.putArray("files");
        for (ManifestFile file : files) {
            list.addObject().put("name", file.name()).put("bytes", file.bytes()).put("sha256", file.sha256());
        }
        root.set("parameters", json(parameters));
        return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A parameter value as JSON. Strings, booleans, integers and decimals (plain, never 1E+3) as they are; dates and
     * times as ISO-8601 text; enums by name; lists in their order, sorted sets in theirs; maps with text keys, sorted.
     * Anything else — an unsorted set, a double — is refused: it could come out differently next time.
     */
    private static JsonNode json(Object value) {
        if (value == null) {
            return NODES.nullNode();
        } else if (value instanceof String text) {
            return NODES.textNode(text);
        } else if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        } else if (value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte) {
            return NODES.numberNode(((Number) value).longValue());
        } else if (value instanceof BigInteger integer) {
            return NODES.numberNode(integer);
        } else if (value instanceof BigDecimal decimal) {
            return NODES.numberNode(decimal);
        } else if (value instanceof TemporalAccessor || value instanceof Duration || value instanceof Period) {
            return NODES.textNode(value.toString());
        } else if (value instanceof Enum<?> constant) {
            return NODES.textNode(constant.name());
        } else if (value instanceof List<?> || value instanceof SortedSet<?>) {
            ArrayNode array = NODES.arrayNode();
            ((Collection<?>) value).forEach(item -> array.add(json(item)));
            return array;
        } else if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            map.forEach((key, item) -> {
                if (!(key instanceof String name)) {
                    throw new IllegalArgumentException("manifest parameters: a map key must be text, not " + key);
                }
                sorted.put(name, item);
            });
            ObjectNode object = NODES.objectNode();
            sorted.forEach((key, item) -> object.set(key, json(item)));
            return object;
        }
        throw new IllegalArgumentException("manifest parameters: cannot write a "
                + value.getClass().getName()
                + " (" + value + ") the same way every time; pass text, a number as Long or BigDecimal, a boolean, a"
                + " date or time, a list or a map");
    }
}
