package ru.noko.export.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The project's version, written into every export (Maven fills it into {@code noko-export.properties}). */
public final class SoftwareVersion {

    private SoftwareVersion() {}

    public static String current() {
        try (InputStream in = SoftwareVersion.class.getResourceAsStream("/noko-export.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return "noko " + properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
