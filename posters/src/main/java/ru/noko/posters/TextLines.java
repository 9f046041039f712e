package ru.noko.posters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.font.PDFont;

/** Breaks text into lines that fit a width in a font: at spaces, and inside a word only when the word alone is too wide. */
final class TextLines {

    private TextLines() {}

    static float width(PDFont font, float size, String text) throws IOException {
        return font.getStringWidth(text) / 1000f * size;
    }

    static List<String> wrap(PDFont font, float size, float maxWidth, String text) throws IOException {
        List<String> lines = new ArrayList<>();
        String line = "";
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (width(font, size, candidate) <= maxWidth) {
                line = candidate;
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line);
            }
            line = word;
            // A link or a long number has no spaces to break at: cut it where the width runs out.
            while (width(font, size, line) > maxWidth && line.length() > 1) {
                int fits = 1;
                while (fits < line.length() && width(font, size, line.substring(0, fits + 1)) <= maxWidth) {
                    fits++;
                }
                lines.add(line.substring(0, fits));
                line = line.substring(fits);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line);
        }
        return lines;
    }

    /** Line breaks, tabs and runs of spaces from a CSV field become single spaces: a poster line is one line. */
    static String normalized(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
