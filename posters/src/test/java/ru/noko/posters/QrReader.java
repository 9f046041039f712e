package ru.noko.posters;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Reads a QR code from a picture the way a phone's scanner would: ZXing's reader on the whole image. */
final class QrReader {

    private QrReader() {}

    static String read(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        if (image == null) {
            throw new AssertionError("not an image ImageIO can read");
        }
        return read(image);
    }

    static String read(BufferedImage image) {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        Map<DecodeHintType, Object> hints = Map.of(
                DecodeHintType.POSSIBLE_FORMATS,
                List.of(BarcodeFormat.QR_CODE),
                DecodeHintType.TRY_HARDER,
                Boolean.TRUE,
                DecodeHintType.CHARACTER_SET,
                "UTF-8");
        try {
            return new QRCodeReader().decode(bitmap, hints).getText();
        } catch (NotFoundException | ChecksumException | FormatException e) {
            throw new AssertionError("no readable QR code in the image: " + e, e);
        }
    }
}
