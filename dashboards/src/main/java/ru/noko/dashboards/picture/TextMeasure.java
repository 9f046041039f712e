package ru.noko.dashboards.picture;

import java.util.ArrayList;
import java.util.List;

/**
 * Text widths estimated from character classes, not measured with a font: the pictures must come out byte for byte the
 * same on every machine (a test compares them), and fonts differ between machines. The estimates lean wide, so text
 * that is said to fit does fit in the usual sans-serif fonts, Cyrillic included.
 */
final class TextMeasure {

    private TextMeasure() {}

    static double width(String text, double fontSize, boolean bold) {
        double em = 0;
        for (int i = 0; i < text.length(); i++) {
            em += charWidth(text.charAt(i));
        }
        return em * fontSize * (bold ? 1.08 : 1.0);
    }

    private static double charWidth(char c) {
        if (" .,:;'|!ijlI()[]".indexOf(c) >= 0) {
            return 0.32;
        }
        if ("frt-".indexOf(c) >= 0) {
            return 0.42;
        }
        if ("mwMWшщжюыфШЩЖЮЫФ".indexOf(c) >= 0) {
            return 0.9;
        }
        if (Character.isUpperCase(c)) {
            return 0.72;
        }
        if (Character.isDigit(c)) {
            return 0.62;
        }
        return 0.62;
    }

    /** {@code text} cut to fit {@code maxWidth}, ending in "…" if cut. */
    static String truncate(String text, double maxWidth, double fontSize, boolean bold) {
        if (width(text, fontSize, bold) <= maxWidth) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && width(cut + "…", fontSize, bold) > maxWidth) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut.isEmpty() ? "" : cut.stripTrailing() + "…";
    }

    /** {@code text} broken between words into at most {@code maxLines} lines of {@code maxWidth}; the last may be cut. */
    static List<String> wrap(String text, double maxWidth, double fontSize, boolean bold, int maxLines) {
        List<String> lines = new ArrayList<>();
        if (maxLines < 1) {
            return lines;
        }
        String[] words = text.trim().split("\\s+");
        StringBuilder line = new StringBuilder();
        int next = 0;
        while (next < words.length && lines.size() < maxLines - 1) {
            String candidate = line.isEmpty() ? words[next] : line + " " + words[next];
            if (width(candidate, fontSize, bold) <= maxWidth || line.isEmpty()) {
                line.setLength(0);
                line.append(candidate);
                next++;
            } else {
                lines.add(truncate(line.toString(), maxWidth, fontSize, bold));
                line.setLength(0);
            }
        }
        StringBuilder rest = new StringBuilder(line);
        for (; next < words.length; next++) {
            rest.append(rest.isEmpty() ? "" : " ").append(words[next]);
        }
        if (!rest.isEmpty()) {
            lines.add(truncate(rest.toString(), maxWidth, fontSize, bold));
        }
        return lines;
    }
}
