package ru.noko.pipeline.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import ru.noko.pipeline.antifraud.ScreenedResponse;
import ru.noko.pipeline.antifraud.ScreenedResponseSerializer;
import ru.noko.pipeline.response.ResponseRow;
import ru.noko.pipeline.response.ResponseRowSerializer;
import ru.noko.pipeline.results.OrganizationFact;
import ru.noko.pipeline.results.OrganizationInput;
import ru.noko.pipeline.results.OrganizationInputSerializer;

/**
 * The hand-written serializers carry every field of their records across an exchange and in a copy. The records are
 * filled field by field through reflection, so a field added to a record and forgotten in its serializer fails here.
 */
class ExchangeSerializersTest {

    private final Random random = new Random(21);

    @Test
    void aResponseRowCrossesWithEveryField() throws Exception {
        for (int i = 0; i < 200; i++) {
            ResponseRow row = filled(ResponseRow.class, i % 10 == 0);
            assertCarried(ResponseRowSerializer.TYPE.createSerializer(null), row);
        }
    }

    @Test
    void aScreenedResponseCrossesWithEveryField() throws Exception {
        for (int i = 0; i < 200; i++) {
            ScreenedResponse response = filled(ScreenedResponse.class, i % 10 == 0);
            assertCarried(ScreenedResponseSerializer.TYPE.createSerializer(null), response);
        }
    }

    @Test
    void anOrganizationsInputCrossesAsAResponseOrAFact() throws Exception {
        for (int i = 0; i < 200; i++) {
            OrganizationInput input = i % 2 == 0
                    ? OrganizationInput.of(filled(ScreenedResponse.class, i % 10 == 0))
                    : OrganizationInput.of(filled(OrganizationFact.class, i % 10 == 1));
            assertCarried(OrganizationInputSerializer.TYPE.createSerializer(null), input);
        }
    }

    @Test
    void theSerializersSurviveTheJobGraphAndRestoreFromTheirSnapshots() throws Exception {
        for (TypeSerializer<?> serializer : List.of(new ResponseRowSerializer(), new ScreenedResponseSerializer())) {
            TypeSerializer<?> shipped = InstantiationUtil.clone(serializer);
            assertThat(shipped).isEqualTo(serializer);
            assertThat(serializer.snapshotConfiguration().restoreSerializer()).isEqualTo(serializer);
        }
        assertThat(InstantiationUtil.clone(ResponseRowSerializer.TYPE)).isEqualTo(ResponseRowSerializer.TYPE);
    }

    private static <T> void assertCarried(TypeSerializer<T> serializer, T record) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(record, out);
        serializer.serialize(record, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T first = serializer.deserialize(in);
        T second = serializer.deserialize(in);

        assertThat(in.available()).isZero();
        for (T read : List.of(first, second, serializer.copy(record))) {
            assertThat(read).isNotSameAs(record);
            assertThat(read).usingRecursiveComparison().isEqualTo(record);
        }
    }

    /** Every public field set to a random value; with {@code nulls}, every reference field null instead. */
    private <T> T filled(Class<T> type, boolean nulls) throws Exception {
        T record = type.getDeclaredConstructor().newInstance();
        for (Field field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            Class<?> kind = field.getType();
            if (kind == String.class) {
                field.set(record, nulls ? null : text());
            } else if (kind == long[].class) {
                field.set(
                        record, nulls ? null : random.longs(random.nextInt(12)).toArray());
            } else if (kind == long.class) {
                field.setLong(record, random.nextLong());
            } else if (kind == int.class) {
                field.setInt(record, random.nextInt());
            } else if (kind == boolean.class) {
                field.setBoolean(record, random.nextBoolean());
            } else {
                throw new AssertionError("a field of a type the test does not fill: " + field);
            }
        }
        return record;
    }

    private String text() {
        String alphabet = "abc019|-_ÿабвЯ€\"\\\n";
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(80); i > 0; i--) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return random.nextInt(20) == 0 ? text + "😀" : text.toString();
    }
}
