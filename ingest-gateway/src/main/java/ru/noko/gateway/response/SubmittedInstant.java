package ru.noko.gateway.response;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads a submission's times. The form every browser writes, {@code 2026-12-05T10:00:00Z} with or without a
 * fraction of a second, is parsed directly; anything else goes to the mapper's own {@code Instant} deserializer, with
 * its leniency (offsets, epoch numbers) and its errors, so nothing is accepted or refused differently. Jackson's
 * general-purpose parse of the two times took 5 % of the gateway's time per submission.
 */
final class SubmittedInstant extends StdDeserializer<Instant> implements ContextualDeserializer {

    private final transient JsonDeserializer<?> general;

    SubmittedInstant() {
        this(null);
    }

    private SubmittedInstant(JsonDeserializer<?> general) {
        super(Instant.class);
        this.general = general;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
            throws JsonMappingException {
        return new SubmittedInstant(
                context.findContextualValueDeserializer(context.constructType(Instant.class), property));
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant instant = utc(parser.getText());
            if (instant != null) {
                return instant;
            }
        }
        return (Instant) general.deserialize(parser, context);
    }

    /** {@code uuuu-MM-ddTHH:mm:ss[.f…f]Z} (one to nine fraction digits) as {@link Instant#parse}, or null. */
    static Instant utc(String text) {
        int length = text.length();
        if (length < 20
                || length > 30
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(length - 1) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0
                || month < 0
                || day < 0
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            int fraction = length - 21;
            if (text.charAt(19) != '.' || fraction < 1) {
                return null;
            }
            nanos = digits(text, 20, fraction);
            if (nanos < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null; // 31 April and the like: the general parse refuses it with its own words
        }
    }

    /** The decimal number in {@code count} characters from {@code from}, or -1 if one of them is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
