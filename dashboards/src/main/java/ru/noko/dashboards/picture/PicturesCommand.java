package ru.noko.dashboards.picture;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./noko dashboards-pictures [--check] [project root]}: draws docs/dashboards/&lt;uid&gt;.svg from each
 * dashboards/json/*.json; with {@code --check}, writes nothing and exits 1 when a picture is missing or out of date.
 */
public final class PicturesCommand {

    private PicturesCommand() {}

    public static void main(String[] args) {
        boolean check = List.of(args).contains("--check");
        Path root = Path.of(List.of(args).stream()
                .filter(arg -> !arg.startsWith("--"))
                .findFirst()
                .orElse("."));
        Pictures pictures = new Pictures(root.toAbsolutePath().normalize());
        if (pictures.expected().isEmpty()) {
            System.err.println("no dashboards in " + root.resolve("dashboards/json"));
            System.exit(1);
        }
        if (check) {
            List<String> differences = pictures.differences();
            differences.forEach(System.out::println);
            System.out.println(
                    differences.isEmpty()
                            ? "the pictures are up to date"
                            : "run ./noko dashboards-pictures to redraw them");
            System.exit(differences.isEmpty() ? 0 : 1);
        }
        List<String> changes = pictures.write();
        changes.forEach(System.out::println);
        System.out.println(
                changes.isEmpty()
                        ? "the pictures in " + Pictures.DIRECTORY + " were up to date"
                        : changes.size() + " change(s) in " + Pictures.DIRECTORY);
    }
}
