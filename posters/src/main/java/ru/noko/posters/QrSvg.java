package ru.noko.posters;

/**
 * A QR code as SVG, for print shops and sites that scale it: one {@code <path>} of the dark modules (each row's runs
 * of unit squares) on a white square, in a view box of one unit per module, drawn with {@code crispEdges} so no
 * renderer blurs the module edges. Written by hand rather than by a library: the text depends only on the code, so
 * the same link gives the same file.
 */
public final class QrSvg {

    /** The printed size the file suggests, in millimetres; a viewer may scale it freely. */
    public static final int SIDE_MM = 50;

    private QrSvg() {}

    public static String write(QrCode code) {
        StringBuilder path = new StringBuilder();
        for (QrCode.Run run : code.darkRuns()) {
            path.append('M')
                    .append(run.x())
                    .append(' ')
                    .append(run.y())
                    .append('h')
                    .append(run.length())
                    .append("v1h-")
                    .append(run.length())
                    .append('z');
        }
        int size = code.size();
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 " + size + " " + size + "\""
                + " width=\"" + SIDE_MM + "mm\" height=\"" + SIDE_MM + "mm\" shape-rendering=\"crispEdges\">\n"
                + "<title>" + escape(code.text()) + "</title>\n"
                + "<rect width=\"" + size + "\" height=\"" + size + "\" fill=\"#ffffff\"/>\n"
                + "<path fill=\"#000000\" d=\"" + path + "\"/>\n"
                + "</svg>\n";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
