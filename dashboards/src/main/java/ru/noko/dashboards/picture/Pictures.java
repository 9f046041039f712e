package ru.noko.dashboards.picture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import ru.noko.dashboards.grafana.Catalog;
import ru.noko.dashboards.grafana.Dashboard;

/**
 * The pictures of a project's dashboards: {@code docs/dashboards/<uid>.svg} for each {@code dashboards/json/*.json}.
 * The directory holds these pictures only, so an SVG there without a dashboard is a leftover.
 */
public final class Pictures {

    public static final String DIRECTORY = "docs/dashboards";

    private final Path root;

    public Pictures(Path projectRoot) {
        this.root = projectRoot;
    }

    public Path directory() {
        return root.resolve(DIRECTORY);
    }

    /** Each picture's file name and its content, drawn from the JSON now. */
    public Map<String, String> expected() {
        Map<String, String> pictures = new LinkedHashMap<>();
        for (Path file : Catalog.dashboardFiles(root.resolve("dashboards/json"))) {
            Dashboard dashboard = Dashboard.read(file);
            String uid = dashboard.uid().isEmpty()
                    ? file.getFileName().toString().replaceAll("\\.json$", "")
                    : dashboard.uid();
            pictures.put(uid + ".svg", LayoutPicture.render(dashboard));
        }
        return pictures;
    }

    /** What differs from the committed pictures: one line per missing, outdated or leftover picture. */
    public List<String> differences() {
        List<String> differences = new ArrayList<>();
        Map<String, String> expected = expected();
        for (Map.Entry<String, String> picture : expected.entrySet()) {
            Path file = directory().resolve(picture.getKey());
            if (!Files.exists(file)) {
                differences.add(DIRECTORY + "/" + picture.getKey() + " is missing");
            } else if (!read(file).equals(picture.getValue())) {
                differences.add(DIRECTORY + "/" + picture.getKey() + " is out of date with its dashboard's JSON");
            }
        }
        for (Path file : committed()) {
            if (!expected.containsKey(file.getFileName().toString())) {
                differences.add(DIRECTORY + "/" + file.getFileName() + " belongs to no dashboard in dashboards/json");
            }
        }
        return differences;
    }

    /** Writes the pictures that differ and deletes leftovers; returns one line per change. */
    public List<String> write() {
        List<String> changes = new ArrayList<>();
        Map<String, String> expected = expected();
        try {
            Files.createDirectories(directory());
            for (Map.Entry<String, String> picture : expected.entrySet()) {
                Path file = directory().resolve(picture.getKey());
                if (!Files.exists(file) || !read(file).equals(picture.getValue())) {
                    Files.writeString(file, picture.getValue(), StandardCharsets.UTF_8);
                    changes.add("wrote " + DIRECTORY + "/" + picture.getKey());
                }
            }
            for (Path file : committed()) {
                if (!expected.containsKey(file.getFileName().toString())) {
                    Files.delete(file);
                    changes.add("deleted " + DIRECTORY + "/" + file.getFileName());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return changes;
    }

    private List<Path> committed() {
        if (!Files.isDirectory(directory())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory())) {
            return files.filter(file -> file.toString().endsWith(".svg"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
