package ru.noko.dashboards.picture;

import java.util.Locale;

/** A small SVG writer: shapes and text at integer or one-decimal coordinates, one element a line. */
final class Svg {

    static final String FONT = "'DejaVu Sans', 'Segoe UI', Arial, sans-serif";

    private final StringBuilder out = new StringBuilder();

    Svg(int width, int height, String title, String comment) {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<!-- ").append(escape(comment).replace("--", "- -")).append(" -->\n");
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" font-family=\"")
                .append(FONT)
                .append("\">\n");
        out.append("<title>").append(escape(title)).append("</title>\n");
    }

    Svg rect(double x, double y, double width, double height, String fill, String stroke, double radius) {
        out.append("<rect x=\"")
                .append(number(x))
                .append("\" y=\"")
                .append(number(y))
                .append("\" width=\"")
                .append(number(width))
                .append("\" height=\"")
                .append(number(height))
                .append("\" rx=\"")
                .append(number(radius))
                .append("\" fill=\"")
                .append(fill)
                .append('"');
        if (stroke != null) {
            out.append(" stroke=\"").append(stroke).append('"');
        }
        out.append("/>\n");
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke) {
        out.append("<line x1=\"")
                .append(number(x1))
                .append("\" y1=\"")
                .append(number(y1))
                .append("\" x2=\"")
                .append(number(x2))
                .append("\" y2=\"")
                .append(number(y2))
                .append("\" stroke=\"")
                .append(stroke)
                .append("\"/>\n");
        return this;
    }

    /** Text with its baseline at {@code y}; {@code anchor} is start, middle or end. */
    Svg text(double x, double y, String text, double size, boolean bold, String fill, String anchor) {
        out.append("<text x=\"")
                .append(number(x))
                .append("\" y=\"")
                .append(number(y))
                .append("\" font-size=\"")
                .append(number(size))
                .append('"');
        if (bold) {
            out.append(" font-weight=\"bold\"");
        }
        if (!anchor.equals("start")) {
            out.append(" text-anchor=\"").append(anchor).append('"');
        }
        out.append(" fill=\"").append(fill).append("\">").append(escape(text)).append("</text>\n");
        return this;
    }

    String end() {
        return out + "</svg>\n";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
