package ru.noko.dashboards.grafana;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The dashboards Grafana will load together with what it provisions: the checks look at them as one whole. */
public record Catalog(List<Dashboard> dashboards, Provisioning provisioning) {

    /** The project's dashboards ({@code dashboards/json}) and provisioning ({@code dashboards/provisioning}). */
    public static Catalog ofProject(Path projectRoot) {
        Path dashboards = projectRoot.resolve("dashboards");
        return load(dashboards.resolve("json"), dashboards.resolve("provisioning"));
    }

    public static Catalog load(Path jsonDirectory, Path provisioningDirectory) {
        return new Catalog(
                dashboardFiles(jsonDirectory).stream().map(Dashboard::read).toList(),
                Provisioning.read(provisioningDirectory));
    }

    /** The {@code *.json} files in {@code directory}, by name; none if it does not exist. */
    public static List<Path> dashboardFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Dashboard> dashboard(String uid) {
        return dashboards.stream()
                .filter(dashboard -> dashboard.uid().equals(uid))
                .findFirst();
    }
}
