package ru.noko.schemas.response;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryData;
import org.apache.avro.util.Utf8;
import ru.noko.schemas.avro.ClientMetadata;
import ru.noko.schemas.avro.SurveyResponse;

/**
 * Writes a {@link SurveyResponse} in Avro's single-object encoding field by field, the bytes Avro's own message
 * encoder writes. The generic walk resolved every answer's union branch through a map lookup and reached each field by
 * index: 7 % of the gateway's time per submission. Only what this schema version holds is written here; a record this
 * writer does not expect (a null where the schema has none, an answer of a type outside the union) is left to Avro's
 * encoder ({@link #write} answers null), which reports it as before. {@code SurveyResponseWriterTest} holds the two to
 * the same bytes on generated records, and the field list is checked against the schema when the class loads.
 */
final class SurveyResponseWriter {

    private static final List<String> FIELDS = List.of(
            "responseId",
            "campaignId",
            "organizationId",
            "respondentRole",
            "answers",
            "startedAt",
            "submittedAt",
            "receivedAt",
            "client",
            "idempotencyKey");
    private static final List<String> CLIENT_FIELDS = List.of("ipAddress", "userAgent", "deviceToken", "emailHmac");

    // The answers' union, in the schema's order: boolean | long | double | string | array of strings.
    private static final int BOOLEAN = 0;
    private static final int LONG = 1;
    private static final int DOUBLE = 2;
    private static final int STRING = 3;
    private static final int ARRAY = 4;

    /** C3 01, then the schema's CRC-64-AVRO fingerprint, little-endian: as {@code BinaryMessageEncoder} writes it. */
    private static final byte[] HEADER = header(SurveyResponse.getClassSchema());

    static {
        Schema schema = SurveyResponse.getClassSchema();
        if (!names(schema).equals(FIELDS)
                || !names(schema.getField("client").schema()).equals(CLIENT_FIELDS)) {
            throw new IllegalStateException("SurveyResponseWriter writes " + FIELDS + " and " + CLIENT_FIELDS
                    + ", the schema now has " + names(schema) + ": update the writer with the schema");
        }
    }

    private byte[] buffer = new byte[512];
    private int length;

    private SurveyResponseWriter() {}

    /** The record's bytes, or null when it holds what only Avro's encoder judges (it then throws or writes it). */
    static byte[] write(SurveyResponse response) {
        SurveyResponseWriter out = new SurveyResponseWriter();
        return out.record(response) ? Arrays.copyOf(out.buffer, out.length) : null;
    }

    private boolean record(SurveyResponse response) {
        bytes(HEADER, HEADER.length);
        ClientMetadata client = response.getClient();
        return string(response.getResponseId())
                && string(response.getCampaignId())
                && string(response.getOrganizationId())
                && string(response.getRespondentRole())
                && answers(response.getAnswers())
                && timestamp(response.getStartedAt())
                && timestamp(response.getSubmittedAt())
                && timestamp(response.getReceivedAt())
                && client != null
                && string(client.getIpAddress())
                && optional(client.getUserAgent())
                && optional(client.getDeviceToken())
                && optional(client.getEmailHmac())
                && optional(response.getIdempotencyKey());
    }

    /** A map is written as one block: its size, the entries, then the empty block that ends it. */
    private boolean answers(Map<String, Object> answers) {
        if (answers == null) {
            return false;
        }
        if (!answers.isEmpty()) {
            number(answers.size());
            for (Map.Entry<String, Object> answer : answers.entrySet()) {
                if (!string(answer.getKey()) || !answer(answer.getValue())) {
                    return false;
                }
            }
        }
        number(0);
        return true;
    }

    /** The branch Avro's {@code GenericData.resolveUnion} picks for the value's class, then the value. */
    private boolean answer(Object value) {
        if (value instanceof Boolean yes) {
            number(BOOLEAN);
            room(1);
            length += BinaryData.encodeBoolean(yes, buffer, length);
        } else if (value instanceof Long whole) {
            number(LONG);
            number(whole);
        } else if (value instanceof Double decimal) {
            number(DOUBLE);
            room(8);
            length += BinaryData.encodeDouble(decimal, buffer, length);
        } else if (value instanceof CharSequence text) {
            number(STRING);
            return string(text);
        } else if (value instanceof Collection<?> options) {
            number(ARRAY);
            if (!options.isEmpty()) {
                number(options.size());
                for (Object option : options) {
                    if (!(option instanceof CharSequence text) || !string(text)) {
                        return false;
                    }
                }
            }
            number(0);
        } else {
            return false;
        }
        return true;
    }

    private boolean timestamp(Instant instant) {
        if (instant == null) {
            return false;
        }
        number(instant.toEpochMilli());
        return true;
    }

    /** A {@code ["null", "string"]} union. */
    private boolean optional(String text) {
        if (text == null) {
            number(0);
            return true;
        }
        number(1);
        return string(text);
    }

    private boolean string(CharSequence text) {
        if (text instanceof Utf8 avro) {
            number(avro.getByteLength());
            bytes(avro.getBytes(), avro.getByteLength());
            return true;
        }
        if (text == null) {
            return false;
        }
        byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
        number(utf8.length);
        bytes(utf8, utf8.length);
        return true;
    }

    /** Avro's variable-length zig-zag long, which also encodes ints, counts and union branches. */
    private void number(long value) {
        room(10);
        length += BinaryData.encodeLong(value, buffer, length);
    }

    private void bytes(byte[] bytes, int count) {
        room(count);
        System.arraycopy(bytes, 0, buffer, length, count);
        length += count;
    }

    private void room(int bytes) {
        if (length + bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + bytes));
        }
    }

    private static List<String> names(Schema record) {
        return record.getFields().stream().map(Schema.Field::name).toList();
    }

    private static byte[] header(Schema schema) {
        return ByteBuffer.allocate(10)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 0xC3)
                .put((byte) 0x01)
                .putLong(SchemaNormalization.parsingFingerprint64(schema))
                .array();
    }
}
