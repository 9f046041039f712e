package ru.noko.posters;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * A QR code as a black-and-white PNG for sites and chats: every module the same whole number of pixels, so the edges
 * stay sharp at any zoom, and the image at least {@value #TARGET_PIXELS} pixels wide (a little more for large codes).
 * One bit per pixel, and no time or text chunks: the same code gives the same bytes.
 */
public final class QrPng {

    public static final int TARGET_PIXELS = 600;

    private QrPng() {}

    public static byte[] write(QrCode code) {
        int scale = Math.max(1, (TARGET_PIXELS + code.size() - 1) / code.size());
        int side = code.size() * scale;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_BINARY);
        // The raster's samples are palette indices, 0 black and 1 white: much faster than setRGB's colour matching.
        WritableRaster raster = image.getRaster();
        int[] white = new int[scale * scale];
        Arrays.fill(white, 1);
        int[] black = new int[scale * scale];
        for (int y = 0; y < code.size(); y++) {
            for (int x = 0; x < code.size(); x++) {
                raster.setSamples(x * scale, y * scale, scale, scale, 0, code.isDark(x, y) ? black : white);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
        return png.toByteArray();
    }
}
