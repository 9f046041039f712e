package ru.noko.portal.files;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * A photo for a self-assessment's photo report, taken only if it is a JPEG or a PNG by its content (its name and
 * declared type are the sender's word), whole, and of a size a camera makes. It is decoded, turned the way its EXIF
 * orientation says, and written anew: nothing of the original file is stored, so its location and every other
 * EXIF/XMP field go with it. A thumbnail is made for the lists.
 */
public final class PhotoCheck {

    /** The largest upload read at all. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;
    /**
     * The most pixels decoded: a 48-megapixel phone photo passes, a small file that claims a huge image (a
     * decompression bomb) is refused from its header before anything is decoded.
     */
    public static final long MAX_PIXELS = 50_000_000L;

    public static final int THUMBNAIL_SIDE = 320;
    private static final float JPEG_QUALITY = 0.88f;

    /** The photo as it is stored: its bytes, their type, its size, and its thumbnail (always JPEG). */
    public record Photo(byte[] content, String mediaType, int width, int height, byte[] thumbnail) {}

    private enum Format {
        JPEG("jpeg", "image/jpeg"),
        PNG("png", "image/png");

        final String imageIoName;
        final String mediaType;

        Format(String imageIoName, String mediaType) {
            this.imageIoName = imageIoName;
            this.mediaType = mediaType;
        }
    }

    private PhotoCheck() {}

    /**
     * The photo, cleaned.
     *
     * @throws RefusedUpload with the reason in Russian when it is not a whole JPEG or PNG of a sensible size
     */
    public static Photo accept(byte[] upload) {
        if (upload.length > MAX_BYTES) {
            throw new RefusedUpload("Фотография больше 10 МБ. Уменьшите её и загрузите снова.");
        }
        Format format = sniff(upload);
        BufferedImage image = decode(upload, format);
        BufferedImage upright = upright(image, orientation(upload));
        byte[] content = write(upright, format);
        return new Photo(content, format.mediaType, upright.getWidth(), upright.getHeight(), thumbnail(upright));
    }

    /** JPEG and PNG by their first bytes; an HTML page, a PDF or anything else named .jpg is not one. */
    private static Format sniff(byte[] upload) {
        if (upload.length > 3
                && (upload[0] & 0xFF) == 0xFF
                && (upload[1] & 0xFF) == 0xD8
                && (upload[2] & 0xFF) == 0xFF) {
            return Format.JPEG;
        }
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        if (upload.length > png.length && java.util.Arrays.equals(upload, 0, png.length, png, 0, png.length)) {
            return Format.PNG;
        }
        throw new RefusedUpload("Файл не является фотографией в формате JPEG или PNG (проверено по содержимому, а не"
                + " по имени файла).");
    }

    /**
     * Decodes the first image, refusing one whose header claims more than {@link #MAX_PIXELS}, and one the decoder
     * warns about: Java's JPEG decoder fills a truncated file with grey and only warns.
     */
    private static BufferedImage decode(byte[] upload, Format format) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName);
            if (!readers.hasNext()) {
                throw new IllegalStateException("no ImageIO reader for " + format);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new RefusedUpload("Изображение слишком большое: " + reader.getWidth(0) + " × "
                            + reader.getHeight(0) + " точек (не более 50 мегапикселей).");
                }
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new RefusedUpload("Файл фотографии повреждён или загружен не полностью.");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof RefusedUpload refused) {
                throw refused;
            }
            throw new RefusedUpload("Файл фотографии повреждён или загружен не полностью.");
        }
    }

    /** The EXIF orientation (1–8), 1 when there is none or it cannot be read. */
    private static int orientation(byte[] upload) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(upload), upload.length);
            ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                int orientation = exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
                return orientation >= 1 && orientation <= 8 ? orientation : 1;
            }
        } catch (ImageProcessingException | IOException | MetadataException | RuntimeException e) {
            // A photo whose metadata cannot be read is shown as it is stored.
        }
        return 1;
    }

    /**
     * The image turned and mirrored the way its EXIF orientation says a viewer should show it: each shown pixel
     * {@code (x, y)} taken from the stored one the orientation names (EXIF 2.3, tag 0x0112: where the stored image's
     * first row and first column are to be seen).
     */
    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        BufferedImage stored = storable(image);
        int w = stored.getWidth();
        int h = stored.getHeight();
        int[] from = stored.getRGB(0, 0, w, h, null, 0, w);
        boolean sideways = orientation >= 5;
        int shownWidth = sideways ? h : w;
        int shownHeight = sideways ? w : h;
        int[] to = new int[from.length];
        for (int y = 0; y < shownHeight; y++) {
            for (int x = 0; x < shownWidth; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { // mirrored left to right
                        sx = w - 1 - x;
                        sy = y;
                    }
                    case 3 -> { // upside down
                        sx = w - 1 - x;
                        sy = h - 1 - y;
                    }
                    case 4 -> { // mirrored top to bottom
                        sx = x;
                        sy = h - 1 - y;
                    }
                    case 5 -> { // first row on the left, first column at the top
                        sx = y;
                        sy = x;
                    }
                    case 6 -> { // first row on the right, first column at the top: a phone held upright
                        sx = y;
                        sy = h - 1 - x;
                    }
                    case 7 -> { // first row on the right, first column at the bottom
                        sx = w - 1 - y;
                        sy = h - 1 - x;
                    }
                    default -> { // 8: first row on the left, first column at the bottom
                        sx = w - 1 - y;
                        sy = x;
                    }
                }
                to[y * shownWidth + x] = from[sy * w + sx];
            }
        }
        BufferedImage shown = new BufferedImage(shownWidth, shownHeight, stored.getType());
        shown.setRGB(0, 0, shownWidth, shownHeight, to, 0, shownWidth);
        return shown;
    }

    /** RGB (or ARGB when it has transparency): what the writers take and the transforms keep. */
    private static BufferedImage storable(BufferedImage image) {
        int type = image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        if (image.getType() == type) {
            return image;
        }
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), type);
        Graphics2D graphics = copy.createGraphics();
        graphics.drawImage(image, 0, 0, null);
        graphics.dispose();
        return copy;
    }

    private static byte[] write(BufferedImage image, Format format) {
        return format == Format.JPEG ? jpeg(storableOpaque(image)) : png(storable(image));
    }

    private static byte[] thumbnail(BufferedImage image) {
        double scale = Math.min(1.0, (double) THUMBNAIL_SIDE / Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = small.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        graphics.setColor(java.awt.Color.WHITE);
        graphics.fillRect(0, 0, w, h);
        graphics.drawImage(image, 0, 0, w, h, null);
        graphics.dispose();
        return jpeg(small);
    }

    private static BufferedImage storableOpaque(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = copy.createGraphics();
        graphics.setColor(java.awt.Color.WHITE);
        graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
        graphics.drawImage(image, 0, 0, null);
        graphics.dispose();
        return copy;
    }

    /** A baseline JPEG with no metadata of the original: the writer gets pixels only. */
    private static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream output = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(output);
            ImageWriteParam parameters = writer.getDefaultWriteParam();
            parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            parameters.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), parameters);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // writing to memory
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // writing to memory
        }
        return bytes.toByteArray();
    }
}
