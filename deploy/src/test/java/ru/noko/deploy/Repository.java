package ru.noko.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The repository's files, read the way the deployment tests need them. */
final class Repository {

    static final Path ROOT = Path.of(System.getProperty("noko.projectRoot", ".."))
            .toAbsolutePath()
            .normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Repository() {}

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String text(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String relative) {
        try {
            return JSON.readTree(path(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain YAML file (no anchors), through Jackson. */
    static JsonNode yaml(String relative) {
        try {
            return new YAMLMapper().readTree(path(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A YAML file with anchors, aliases and merge keys ({@code <<: *gateway}), resolved as Compose resolves them.
     * Jackson's YAML tree model keeps an alias as the anchor's name, so SnakeYAML (the parser under Jackson) builds
     * the document and Jackson turns it into a tree.
     */
    static JsonNode yamlWithAnchors(String relative) {
        Object document = new Yaml(new LoaderOptions()).load(text(relative));
        return JSON.valueToTree(document);
    }

    static Document xml(String relative) {
        try {
            return DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(path(relative).toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + relative, e);
        }
    }
}
