package ru.noko.posters;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Draws a QR code's SVG into an image, in plain Java: reads the view box, the white background and the one path (the
 * absolute and relative M, H, V, Z commands and whole numbers it uses; anything else fails the test) and fills it.
 * Enough to check what a browser would show without bringing an SVG library in.
 */
final class SvgRaster {

    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern PATH = Pattern.compile("<path fill=\"#000000\" d=\"([^\"]*)\"/>");
    private static final Pattern TOKEN = Pattern.compile("([MmHhVvZz])|(-?\\d+(?:\\.\\d+)?)");

    private SvgRaster() {}

    static BufferedImage rasterize(String svg, int pixelsPerUnit) {
        Matcher viewBox = VIEW_BOX.matcher(svg);
        Matcher path = PATH.matcher(svg);
        if (!viewBox.find() || !path.find()) {
            throw new AssertionError("no view box or no path in the SVG");
        }
        int width = Integer.parseInt(viewBox.group(1)) * pixelsPerUnit;
        int height = Integer.parseInt(viewBox.group(2)) * pixelsPerUnit;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(Color.BLACK);
        graphics.fill(parse(path.group(1))
                .createTransformedShape(AffineTransform.getScaleInstance(pixelsPerUnit, pixelsPerUnit)));
        graphics.dispose();
        return image;
    }

    private static Path2D parse(String d) {
        Path2D.Double shape = new Path2D.Double(Path2D.WIND_NON_ZERO);
        Matcher tokens = TOKEN.matcher(d);
        char command = 0;
        double x = 0;
        double y = 0;
        double startX = 0;
        double startY = 0;
        while (tokens.find()) {
            if (tokens.group(1) != null) {
                command = tokens.group(1).charAt(0);
                if (command == 'Z' || command == 'z') {
                    shape.closePath();
                    x = startX;
                    y = startY;
                }
                continue;
            }
            double value = Double.parseDouble(tokens.group(2));
            switch (command) {
                case 'M', 'm' -> {
                    if (!tokens.find() || tokens.group(2) == null) {
                        throw new AssertionError("M needs two numbers in " + d);
                    }
                    double second = Double.parseDouble(tokens.group(2));
                    x = command == 'M' ? value : x + value;
                    y = command == 'M' ? second : y + second;
                    shape.moveTo(x, y);
                    startX = x;
                    startY = y;
                }
                case 'H' -> shape.lineTo(x = value, y);
                case 'h' -> shape.lineTo(x += value, y);
                case 'V' -> shape.lineTo(x, y = value);
                case 'v' -> shape.lineTo(x, y += value);
                default -> throw new AssertionError("unexpected path command '" + command + "' in the SVG");
            }
        }
        return shape;
    }
}
