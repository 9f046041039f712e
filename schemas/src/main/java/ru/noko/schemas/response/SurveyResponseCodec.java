package ru.noko.schemas.response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Collection;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import ru.noko.schemas.avro.SurveyResponse;

/**
 * Kafka value format of a survey response: Avro single-object encoding, whose header carries the writer schema's
 * fingerprint. Readers resolve the writer schema from the versions shipped in this jar ({@link SurveyResponseSchemas}),
 * so no schema registry is needed; a new version is added to the history before any writer uses it.
 *
 * <p>Records are written by {@link SurveyResponseWriter}, the same bytes without Avro's generic walk; what it does
 * not expect goes through Avro's encoder. Thread-safe: Avro's message encoder and decoder keep their buffers per
 * thread.
 */
public final class SurveyResponseCodec {

    private final BinaryMessageEncoder<SurveyResponse> encoder = SurveyResponse.getEncoder();
    private final BinaryMessageDecoder<SurveyResponse> decoder;

    public SurveyResponseCodec() {
        this(SurveyResponseSchemas.history());
    }

    /** A codec that also understands records written with any of {@code knownWriterSchemas}. */
    public SurveyResponseCodec(Collection<Schema> knownWriterSchemas) {
        SchemaStore.Cache store = new SchemaStore.Cache();
        knownWriterSchemas.forEach(store::addSchema);
        this.decoder = SurveyResponse.createDecoder(store);
    }

    public byte[] encode(SurveyResponse response) {
        byte[] written = SurveyResponseWriter.write(response);
        if (written != null) {
            return written;
        }
        try {
            ByteBuffer buffer = encoder.encode(response);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode survey response " + response.getResponseId(), e);
        }
    }

    /**
     * @throws UndecodableResponseException when the bytes are not a single-object encoded survey response of a known
     *     schema version; callers route such records aside instead of failing.
     */
    public SurveyResponse decode(byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
            throw new UndecodableResponseException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
