package ru.noko.posters;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A QR code as a grid of modules, one cell per module, with its quiet zone: the one source the PNG, the SVG and the
 * poster draw from, so all three hold the same code.
 *
 * <p>Error correction M (15 % of the code may be lost): a printed poster gets creased, faded and photographed at an
 * angle, and M keeps a link of this length at a size a phone reads from a metre away. The quiet zone is the
 * standard's four modules, which scanners need to find the code on a busy stand.
 */
public final class QrCode {

    public static final int QUIET_ZONE_MODULES = 4;

    private final String text;
    private final BitMatrix modules;

    private QrCode(String text, BitMatrix modules) {
        this.text = text;
        this.modules = modules;
    }

    public static QrCode of(SurveyLink link) {
        return of(link.toString());
    }

    public static QrCode of(String text) {
        // Width and height 0: ZXing returns one cell per module, which every output scales as it needs.
        Map<EncodeHintType, Object> hints = Map.of(
                EncodeHintType.ERROR_CORRECTION,
                ErrorCorrectionLevel.M,
                EncodeHintType.MARGIN,
                QUIET_ZONE_MODULES,
                EncodeHintType.CHARACTER_SET,
                "UTF-8");
        try {
            return new QrCode(text, new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints));
        } catch (WriterException e) {
            throw new IllegalArgumentException("QR-код не строится для '" + text + "': " + e.getMessage(), e);
        }
    }

    /** What the code holds. */
    public String text() {
        return text;
    }

    /** Modules along a side, the quiet zone included. */
    public int size() {
        return modules.getWidth();
    }

    public boolean isDark(int x, int y) {
        return modules.get(x, y);
    }

    /**
     * The dark modules as horizontal runs, row by row from the top, left to right: fewer shapes to draw than single
     * modules, and the same picture.
     */
    public List<Run> darkRuns() {
        List<Run> runs = new ArrayList<>();
        for (int y = 0; y < size(); y++) {
            int x = 0;
            while (x < size()) {
                if (!isDark(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < size() && isDark(x, y)) {
                    x++;
                }
                runs.add(new Run(start, y, x - start));
            }
        }
        return runs;
    }

    /** {@code length} dark modules from column {@code x} in row {@code y}. */
    public record Run(int x, int y, int length) {}
}
