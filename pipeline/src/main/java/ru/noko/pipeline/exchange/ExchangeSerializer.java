package ru.noko.pipeline.exchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A hand-written serializer for a record the job sends from one operator to the next: its fields written in a fixed
 * order, strings as UTF-8 bytes. Flink's POJO serializer reaches every field by reflection and writes strings a
 * character at a time; every response crosses four such exchanges, and that was an eighth of the job's samples.
 *
 * <p>Only for the streams between operators ({@link ExchangeType}), never for state: checkpoints keep the POJO
 * serializer they were written with, so a checkpoint taken before this serializer existed restores unchanged (the
 * job's checkpoints are aligned, so no record in flight is stored with it either; unaligned checkpoints would store
 * in-flight records with it, and a change of a record's fields would then need a new serializer version).
 */
public abstract class ExchangeSerializer<T> extends TypeSerializerSingleton<T> {

    private static final long serialVersionUID = 1L;
    private static final int NULL = -1;

    @Override
    public final boolean isImmutableType() {
        return false;
    }

    @Override
    public final T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    /** A string or null, as its UTF-8 length (-1 for null) and bytes: ids and HMACs are ASCII, copied in one go. */
    protected static void writeString(String value, DataOutputView target) throws IOException {
        if (value == null) {
            target.writeInt(NULL);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    protected static String readString(DataInputView source) throws IOException {
        int length = source.readInt();
        if (length == NULL) {
            return null;
        }
        byte[] bytes = new byte[length];
        source.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    protected static void writeLongs(long[] values, DataOutputView target) throws IOException {
        if (values == null) {
            target.writeInt(NULL);
            return;
        }
        target.writeInt(values.length);
        for (long value : values) {
            target.writeLong(value);
        }
    }

    protected static long[] readLongs(DataInputView source) throws IOException {
        int length = source.readInt();
        if (length == NULL) {
            return null;
        }
        long[] values = new long[length];
        for (int i = 0; i < length; i++) {
            values[i] = source.readLong();
        }
        return values;
    }
}
