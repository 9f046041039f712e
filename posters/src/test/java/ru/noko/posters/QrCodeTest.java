package ru.noko.posters;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrCodeTest {

    private static final SurveyLink LINK =
            SurveyLink.of("https://opros.region.example", "demo-2026-noko", "irk-sosh-7");

    @Test
    void thePngDecodesToTheExactLink() throws IOException {
        byte[] png = QrPng.write(QrCode.of(LINK));

        assertThat(QrReader.read(png)).isEqualTo("https://opros.region.example/s/demo-2026-noko/irk-sosh-7");
    }

    @Test
    void thePngIsAtLeast600PixelsWithWholePixelModules() throws IOException {
        QrCode code = QrCode.of(LINK);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrPng.write(code)));

        assertThat(image.getWidth())
                .isEqualTo(image.getHeight())
                .isGreaterThanOrEqualTo(QrPng.TARGET_PIXELS)
                .isLessThan(QrPng.TARGET_PIXELS + code.size());
        assertThat(image.getWidth() % code.size()).isZero();
    }

    @Test
    void theCodeHasTheStandardQuietZone() {
        QrCode code = QrCode.of(LINK);

        for (int i = 0; i < code.size(); i++) {
            for (int margin = 0; margin < QrCode.QUIET_ZONE_MODULES; margin++) {
                assertThat(code.isDark(i, margin)).isFalse();
                assertThat(code.isDark(margin, i)).isFalse();
                assertThat(code.isDark(i, code.size() - 1 - margin)).isFalse();
                assertThat(code.isDark(code.size() - 1 - margin, i)).isFalse();
            }
        }
        // The finder pattern's corner starts right inside it.
        assertThat(code.isDark(QrCode.QUIET_ZONE_MODULES, QrCode.QUIET_ZONE_MODULES))
                .isTrue();
    }

    @Test
    void theSvgDrawnAsABrowserWouldDecodesToTheLink() {
        String svg = QrSvg.write(QrCode.of(LINK));

        assertThat(QrReader.read(SvgRaster.rasterize(svg, 8))).isEqualTo(LINK.toString());
    }

    @Test
    void theSvgIsOnePathInAViewBoxOfModulesWithCrispEdges() {
        QrCode code = QrCode.of(LINK);
        String svg = QrSvg.write(code);

        assertThat(svg)
                .contains("viewBox=\"0 0 " + code.size() + " " + code.size() + "\"")
                .contains("shape-rendering=\"crispEdges\"");
        assertThat(svg.split("<path", -1)).hasSize(2);
    }

    @Test
    void theSameLinkGivesTheSameFiles() {
        assertThat(QrSvg.write(QrCode.of(LINK))).isEqualTo(QrSvg.write(QrCode.of(LINK.toString())));
        assertThat(QrPng.write(QrCode.of(LINK))).isEqualTo(QrPng.write(QrCode.of(LINK)));
    }

    @Test
    void aLinkWithEscapedUnusualIdsSurvivesTheRoundTrip() throws IOException {
        SurveyLink unusual = SurveyLink.of("http://127.0.0.1:8080", "кампания 2026", "школа/№7?a=b#c");

        assertThat(QrReader.read(QrPng.write(QrCode.of(unusual)))).isEqualTo(unusual.toString());
        assertThat(QrReader.read(SvgRaster.rasterize(QrSvg.write(QrCode.of(unusual)), 6)))
                .isEqualTo(unusual.toString());
    }
}
