package ru.noko.posters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Poppler's command-line tools (Debian's poppler-utils, which ./noko setup installs): what a printer's PDF reader sees. */
public final class Poppler {

    private Poppler() {}

    /** Page 1 rendered at {@code dpi} into {@code png}. */
    static void render(Path pdf, int dpi, Path png) throws IOException, InterruptedException {
        String name = png.getFileName().toString();
        Path prefix = png.resolveSibling(name.substring(0, name.length() - ".png".length()));
        run(
                "pdftoppm",
                "-png",
                "-r",
                String.valueOf(dpi),
                "-singlefile",
                "-f",
                "1",
                "-l",
                "1",
                pdf.toString(),
                prefix.toString());
    }

    /** The text of every page, laid out as on the page. */
    public static String text(Path pdf) throws IOException, InterruptedException {
        return run("pdftotext", "-layout", "-enc", "UTF-8", pdf.toString(), "-");
    }

    /** Every word's box as pdftotext -bbox reports it (points, from the page's top left corner). */
    static List<WordBox> words(Path pdf) throws IOException, InterruptedException {
        List<WordBox> words = new ArrayList<>();
        Matcher word = WORD.matcher(run("pdftotext", "-bbox", "-enc", "UTF-8", pdf.toString(), "-"));
        while (word.find()) {
            words.add(new WordBox(
                    word.group(5),
                    Double.parseDouble(word.group(1)),
                    Double.parseDouble(word.group(2)),
                    Double.parseDouble(word.group(3)),
                    Double.parseDouble(word.group(4))));
        }
        return words;
    }

    record WordBox(String text, double xMin, double yMin, double xMax, double yMax) {}

    private static final Pattern WORD = Pattern.compile(
            "<word xMin=\"([\\d.-]+)\" yMin=\"([\\d.-]+)\" xMax=\"([\\d.-]+)\" yMax=\"([\\d.-]+)\">([^<]*)</word>");

    /** pdfinfo's fields, e.g. "Pages:" and "Page size:". */
    static String info(Path pdf) throws IOException, InterruptedException {
        return run("pdfinfo", pdf.toString());
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(List.of(command))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError(
                    command[0] + " is not installed: install Debian's poppler-utils (./noko setup)", e);
        }
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(
                    String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    /** Where the tests keep what they render, for a person to look at. */
    static Path outputFolder() throws IOException {
        return Files.createDirectories(Path.of("target", "rendered"));
    }

    static List<String> lines(String text) {
        return new ArrayList<>(
                text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList());
    }
}
