package ru.noko.portal.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ru.noko.portal.TestFiles;

/**
 * Photos for a photo report: JPEG and PNG known by their content, stored upright and without the sender's location
 * or any other metadata (read back with a metadata library to prove it), with a thumbnail; anything else refused with
 * its reason in Russian.
 */
class PhotoCheckTest {

    @Test
    void aPhoneJpegWithItsLocationIsStoredUprightAndWithoutAnyMetadata() throws Exception {
        byte[] sent = TestFiles.withExif(TestFiles.jpeg(400, 300), 6, true);
        Metadata original = metadata(sent);
        assertThat(original.getFirstDirectoryOfType(GpsDirectory.class).getGeoLocation())
                .as("the test photo does carry a location")
                .isNotNull();

        PhotoCheck.Photo photo = PhotoCheck.accept(sent);

        assertThat(photo.mediaType()).isEqualTo("image/jpeg");
        assertThat(photo.width()).as("turned as the phone was held").isEqualTo(300);
        assertThat(photo.height()).isEqualTo(400);
        Metadata stored = metadata(photo.content());
        assertThat(stored.getFirstDirectoryOfType(GpsDirectory.class)).isNull();
        assertThat(stored.getFirstDirectoryOfType(ExifIFD0Directory.class)).isNull();
        assertThat(names(stored)).doesNotContain("XMP", "Exif SubIFD", "IPTC", "ICC Profile");
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(photo.thumbnail()));
        assertThat(Math.max(thumbnail.getWidth(), thumbnail.getHeight())).isEqualTo(PhotoCheck.THUMBNAIL_SIDE);
        assertThat(thumbnail.getHeight()).isGreaterThan(thumbnail.getWidth());
    }

    @Test
    void aPngKeepsItsTransparencyAndLosesItsTextChunks() throws Exception {
        BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x00FFFFFF);
        image.setRGB(1, 0, 0xFF112233);
        byte[] sent = withTextChunk(png(image), "Location", "55.7558 N, 37.6173 E");

        PhotoCheck.Photo photo = PhotoCheck.accept(sent);

        assertThat(photo.mediaType()).isEqualTo("image/png");
        assertThat(new String(photo.content(), StandardCharsets.ISO_8859_1)).doesNotContain("55.7558", "Location");
        BufferedImage stored = ImageIO.read(new ByteArrayInputStream(photo.content()));
        assertThat(stored.getRGB(0, 0) >>> 24)
                .as("transparent stays transparent")
                .isZero();
        assertThat(stored.getRGB(1, 0)).isEqualTo(0xFF112233);
    }

    /** Each EXIF orientation, on a 3 × 2 image of six colours: where each stored pixel is to be shown. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyOrientationShowsTheImageAsTheCameraSawIt(int orientation) {
        // stored: a b c / d e f
        int[][] stored = {{1, 2, 3}, {4, 5, 6}};
        int[][] shown = switch (orientation) {
            case 1 -> new int[][] {{1, 2, 3}, {4, 5, 6}};
            case 2 -> new int[][] {{3, 2, 1}, {6, 5, 4}};
            case 3 -> new int[][] {{6, 5, 4}, {3, 2, 1}};
            case 4 -> new int[][] {{4, 5, 6}, {1, 2, 3}};
            case 5 -> new int[][] {{1, 4}, {2, 5}, {3, 6}};
            case 6 -> new int[][] {{4, 1}, {5, 2}, {6, 3}};
            case 7 -> new int[][] {{6, 3}, {5, 2}, {4, 1}};
            default -> new int[][] {{3, 6}, {2, 5}, {1, 4}};
        };
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                image.setRGB(x, y, stored[y][x]);
            }
        }

        BufferedImage upright = PhotoCheck.upright(image, orientation);

        int[][] actual = new int[upright.getHeight()][upright.getWidth()];
        for (int y = 0; y < upright.getHeight(); y++) {
            for (int x = 0; x < upright.getWidth(); x++) {
                actual[y][x] = upright.getRGB(x, y) & 0xFFFFFF;
            }
        }
        assertThat(actual).isDeepEqualTo(shown);
    }

    @Test
    void anHtmlPageNamedJpgIsRefused() {
        byte[] page = "<!DOCTYPE html><html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> PhotoCheck.accept(page))
                .isInstanceOf(RefusedUpload.class)
                .hasMessageContaining("не является фотографией в формате JPEG или PNG");
    }

    @Test
    void aPdfNamedPngIsRefused() {
        byte[] pdf = "%PDF-1.7\n1 0 obj << >> endobj\n%%EOF".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> PhotoCheck.accept(pdf))
                .isInstanceOf(RefusedUpload.class)
                .hasMessageContaining("не является фотографией");
    }

    @Test
    void aTruncatedJpegIsRefused() throws Exception {
        byte[] whole = TestFiles.jpeg(800, 600);
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);

        assertThatThrownBy(() -> PhotoCheck.accept(truncated))
                .isInstanceOf(RefusedUpload.class)
                .hasMessageContaining("повреждён или загружен не полностью");
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeader() {
        byte[] bomb = TestFiles.pngClaiming(60_000, 60_000);

        assertThatThrownBy(() -> PhotoCheck.accept(bomb))
                .isInstanceOf(RefusedUpload.class)
                .hasMessageContaining("60000 × 60000")
                .hasMessageContaining("не более 50 мегапикселей");
    }

    @Test
    void aFileOverTenMegabytesIsRefusedBeforeItIsRead() {
        byte[] large = new byte[PhotoCheck.MAX_BYTES + 1];
        large[0] = (byte) 0xFF;
        large[1] = (byte) 0xD8;
        large[2] = (byte) 0xFF;

        assertThatThrownBy(() -> PhotoCheck.accept(large))
                .isInstanceOf(RefusedUpload.class)
                .hasMessageContaining("больше 10 МБ");
    }

    // ------------------------------------------------------------------------------------------ test images

    private static byte[] png(BufferedImage image) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    /** The PNG with a tEXt chunk after its header. */
    private static byte[] withTextChunk(byte[] png, String keyword, String text) {
        byte[] data = (keyword + "\0" + text).getBytes(StandardCharsets.ISO_8859_1);
        int afterHeader = 8 + 25; // signature, IHDR (length, type, 13 bytes, CRC)
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterHeader);
        out.writeBytes(TestFiles.chunk("tEXt", data));
        out.write(png, afterHeader, png.length - afterHeader);
        return out.toByteArray();
    }

    private static Metadata metadata(byte[] image) throws Exception {
        return ImageMetadataReader.readMetadata(new ByteArrayInputStream(image), image.length);
    }

    private static java.util.List<String> names(Metadata metadata) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (Directory directory : metadata.getDirectories()) {
            names.add(directory.getName());
        }
        return names;
    }
}
