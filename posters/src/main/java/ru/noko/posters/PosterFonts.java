package ru.noko.posters;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The poster's fonts: DejaVu, which has Cyrillic, the «» quotes and № and is installed by {@code ./noko setup}
 * (Debian's fonts-dejavu-core). Read from the system rather than bundled: no font file in the repository, and the
 * same font LibreOffice prints the exports with.
 */
public record PosterFonts(Path regular, Path bold, Path mono) {

    public static final Path DEBIAN_FOLDER = Path.of("/usr/share/fonts/truetype/dejavu");

    /** The DejaVu files in {@code folder}; a missing one is an error that says how to install them. */
    public static PosterFonts in(Path folder) {
        PosterFonts fonts = new PosterFonts(
                folder.resolve("DejaVuSans.ttf"),
                folder.resolve("DejaVuSans-Bold.ttf"),
                folder.resolve("DejaVuSansMono.ttf"));
        for (Path file : new Path[] {fonts.regular, fonts.bold, fonts.mono}) {
            if (!Files.isReadable(file)) {
                throw new IllegalStateException(
                        "нет шрифта " + file + ": установите пакет fonts-dejavu-core (./noko setup)");
            }
        }
        return fonts;
    }

    public static PosterFonts debian() {
        return in(DEBIAN_FOLDER);
    }
}
