package ru.noko.schemas.resources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The files of a folder shipped on the classpath, whether the classpath holds a jar or a build folder. */
public final class ClasspathFolder {

    private ClasspathFolder() {}

    /** Names of the files directly in {@code folder} (e.g. {@code clickhouse/migrations/}), sorted. */
    public static List<String> fileNames(String folder) {
        URL url = ClasspathFolder.class.getClassLoader().getResource(folder);
        if (url == null) {
            throw new IllegalStateException("no " + folder + " on the classpath");
        }
        try {
            if ("jar".equals(url.getProtocol())) {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    return jar.stream()
                            .map(entry -> entry.getName())
                            .filter(name -> name.startsWith(folder) && name.length() > folder.length())
                            .map(name -> name.substring(folder.length()))
                            .filter(name -> !name.contains("/"))
                            .sorted()
                            .toList();
                }
            }
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                return files.filter(Files::isRegularFile)
                        .map(file -> file.getFileName().toString())
                        .sorted()
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + url, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad classpath folder URL " + url, e);
        }
    }

    public static String read(String resource) {
        try (InputStream in = ClasspathFolder.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
