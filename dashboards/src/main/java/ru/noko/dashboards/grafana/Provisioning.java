package ru.noko.dashboards.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What Grafana provisions at start: its data sources and the providers that load the dashboard files. */
public record Provisioning(List<ProvisionedDataSource> dataSources, List<DashboardProvider> providers) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Reads {@code datasources/*.yaml} and {@code dashboards/*.yaml} (or {@code .yml}) under {@code directory}. */
    public static Provisioning read(Path directory) {
        List<ProvisionedDataSource> dataSources = new ArrayList<>();
        for (Path file : yamlFiles(directory.resolve("datasources"))) {
            String name = directory.relativize(file).toString();
            for (JsonNode source : Json.elements(readYaml(file).path("datasources"))) {
                dataSources.add(new ProvisionedDataSource(
                        name,
                        Json.text(source.path("name")),
                        Json.text(source.path("type")),
                        Json.text(source.path("uid")),
                        source.path("isDefault").asBoolean(false)));
            }
        }
        List<DashboardProvider> providers = new ArrayList<>();
        for (Path file : yamlFiles(directory.resolve("dashboards"))) {
            String name = directory.relativize(file).toString();
            for (JsonNode provider : Json.elements(readYaml(file).path("providers"))) {
                String type = Json.text(provider.path("type"));
                providers.add(new DashboardProvider(
                        name,
                        Json.text(provider.path("name")),
                        type.isEmpty() ? "file" : type,
                        Json.text(provider.path("options").path("path"))));
            }
        }
        return new Provisioning(List.copyOf(dataSources), List.copyOf(providers));
    }

    private static List<Path> yamlFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file ->
                            file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readYaml(Path file) {
        try {
            JsonNode node = YAML.readTree(file.toFile());
            return node == null ? YAML.createObjectNode() : node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
