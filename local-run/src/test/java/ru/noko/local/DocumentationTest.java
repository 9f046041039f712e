package ru.noko.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documents are held to the tree, so that a guide a newcomer follows never leads nowhere: every link between them
 * reaches a file and a heading that exist, every module, package and repository path they name exists, the developer's
 * guide names every module, and each module's README names every package of its code.
 */
class DocumentationTest {

    private static final Path ROOT = Path.of(System.getProperty("noko.projectRoot", ".."))
            .toAbsolutePath()
            .normalize();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern PACKAGE = Pattern.compile("\\bru\\.noko(?:\\.[a-z][a-z0-9]*)+");
    private static final Pattern CODE = Pattern.compile("`([^`\\s]+)`");

    @Test
    void everyLinkBetweenTheDocumentsReachesAFileAndAHeadingThatExist() {
        List<String> broken = new ArrayList<>();
        for (Path document : documents()) {
            for (String target : links(document)) {
                if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
                    continue; // http:, https:, mailto: — outside the repository
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path reached = file.isEmpty()
                        ? document
                        : document.getParent().resolve(file).normalize();
                if (!reached.startsWith(ROOT) || !Files.exists(reached)) {
                    broken.add(ROOT.relativize(document) + ": " + target + " (no such file)");
                } else if (anchor != null
                        && reached.toString().endsWith(".md")
                        && !anchors(reached).contains(anchor)) {
                    broken.add(ROOT.relativize(document) + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(broken).as("links that lead nowhere").isEmpty();
    }

    @Test
    void theDevelopersGuideNamesEveryModuleAndOnlyModulesThatExist() {
        Set<String> modules = modules();
        String guide = read(ROOT.resolve("docs/developer.md"));
        String layout = guide.substring(guide.indexOf("## Layout"), guide.indexOf("\n## ", guide.indexOf("## Layout")));
        Set<String> named = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| \\[`([a-z-]+)/`\\]").matcher(layout);
        while (row.find()) {
            named.add(row.group(1));
        }

        assertThat(named).as("the modules the layout table lists").isEqualTo(modules);
    }

    @Test
    void everyPackageTheDocumentsNameExists() {
        Set<String> packages = packages();
        Set<String> missing = new TreeSet<>();
        for (Path document : documents()) {
            Matcher named = PACKAGE.matcher(read(document));
            while (named.find()) {
                if (!packages.contains(named.group())) {
                    missing.add(ROOT.relativize(document) + ": " + named.group());
                }
            }
        }
        assertThat(missing)
                .as("packages named in the documents that do not exist")
                .isEmpty();
    }

    @Test
    void everyRepositoryPathTheDocumentsNameInCodeExists() {
        Set<String> tops = topLevelNames();
        Set<String> missing = new TreeSet<>();
        for (Path document : documents()) {
            Matcher code = CODE.matcher(read(document));
            while (code.find()) {
                String path = code.group(1).replaceAll("[,.;:)]+$", "");
                int slash = path.indexOf('/');
                boolean aRepositoryPath = slash > 0
                        && tops.contains(path.substring(0, slash))
                        && !path.matches(".*[<>*…{}$|].*")
                        && !path.contains("/target/");
                if (aRepositoryPath && !Files.exists(ROOT.resolve(path))) {
                    missing.add(ROOT.relativize(document) + ": " + path);
                }
            }
        }
        assertThat(missing).as("paths named in the documents that do not exist").isEmpty();
    }

    @Test
    void eachModulesReadmeNamesEveryPackageOfItsCode() {
        Map<String, Set<String>> unnamed = new HashMap<>();
        for (String module : modules()) {
            Path readme = ROOT.resolve(module).resolve("README.md");
            Path code = ROOT.resolve(module).resolve("src/main/java/ru/noko");
            if (!Files.exists(readme) || !Files.isDirectory(code)) {
                continue;
            }
            String text = read(readme);
            for (Path feature : topPackages(code)) {
                String name = feature.getFileName().toString();
                String full = "ru.noko." + code.relativize(feature).toString().replace('/', '.');
                if (!text.contains("`" + name + "`") && !text.contains(full) && !text.contains("`" + name + "/`")) {
                    unnamed.computeIfAbsent(module, m -> new TreeSet<>()).add(name);
                }
            }
        }
        assertThat(unnamed).as("packages a module's README does not name").isEmpty();
    }

    /** The packages just below a module's root package ({@code ru.noko.gateway.response}, …). */
    private static List<Path> topPackages(Path code) {
        try (Stream<Path> roots = Files.list(code)) {
            List<Path> packages = new ArrayList<>();
            for (Path root : roots.filter(Files::isDirectory).toList()) {
                try (Stream<Path> children = Files.list(root)) {
                    children.filter(Files::isDirectory).forEach(packages::add);
                }
            }
            return packages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> documents() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(path -> path.toString().endsWith(".md"))
                    .filter(path -> {
                        String relative = ROOT.relativize(path).toString();
                        return !relative.startsWith(".")
                                && !relative.contains("/target/")
                                && !relative.startsWith("target/")
                                && !relative.contains("node_modules/");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The links of a document outside its code blocks. */
    private static List<String> links(Path document) {
        List<String> links = new ArrayList<>();
        boolean code = false;
        for (String line : read(document).split("\n")) {
            if (line.startsWith("```")) {
                code = !code;
            } else if (!code) {
                Matcher link = LINK.matcher(line.replaceAll("`[^`]*`", ""));
                while (link.find()) {
                    links.add(link.group(1));
                }
            }
        }
        return links;
    }

    /** The anchors GitHub makes of a document's headings: lower case, punctuation dropped, spaces as hyphens. */
    static Set<String> anchors(Path document) {
        Set<String> anchors = new TreeSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean code = false;
        for (String line : read(document).split("\n")) {
            if (line.startsWith("```")) {
                code = !code;
            } else if (!code && line.matches("^#{1,6} .*")) {
                String slug = line.replaceFirst("^#+ ", "")
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-');
                int count = seen.merge(slug, 1, Integer::sum);
                anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
            }
        }
        return anchors;
    }

    private static Set<String> modules() {
        Matcher module = MODULE.matcher(read(ROOT.resolve("pom.xml")));
        Set<String> modules = new TreeSet<>();
        while (module.find()) {
            modules.add(module.group(1));
        }
        return modules;
    }

    /** Every package of every module, main and test code. */
    private static Set<String> packages() {
        Set<String> packages = new TreeSet<>();
        for (String module : modules()) {
            for (String source : List.of("src/main/java", "src/test/java")) {
                Path root = ROOT.resolve(module).resolve(source);
                if (!Files.isDirectory(root)) {
                    continue;
                }
                try (Stream<Path> folders = Files.walk(root)) {
                    folders.filter(Files::isDirectory)
                            .map(folder -> root.relativize(folder).toString().replace('/', '.'))
                            .filter(name -> name.startsWith("ru.noko"))
                            .forEach(packages::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return packages;
    }

    private static Set<String> topLevelNames() {
        try (Stream<Path> entries = Files.list(ROOT)) {
            return entries.map(path -> path.getFileName().toString())
                    .filter(name -> !name.startsWith(".") && !name.equals("target"))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
