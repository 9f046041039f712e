package ru.noko.schemas.response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every released version of the survey response schema, kept as {@code avro/history/survey-response-vN.avsc}.
 * The newest one must equal {@code src/main/avro/SurveyResponse.avsc}; a test holds them together.
 */
public final class SurveyResponseSchemas {

    private static final String HISTORY = "/avro/history/survey-response-v%d.avsc";

    private SurveyResponseSchemas() {}

    /** Released versions, oldest first. */
    public static List<Schema> history() {
        List<Schema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            try (InputStream in = SurveyResponseSchemas.class.getResourceAsStream(HISTORY.formatted(version))) {
                if (in == null) {
                    break;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read survey response schema v" + version, e);
            }
        }
        if (versions.isEmpty()) {
            throw new IllegalStateException("no survey response schema history on the classpath");
        }
        return List.copyOf(versions);
    }
}
