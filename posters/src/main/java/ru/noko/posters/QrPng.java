package ru.noko.posters;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
        int white = 0xFFFFFF;
        int black = 0x000000;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, code.isDark(x / scale, y / scale) ? black : white);
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
