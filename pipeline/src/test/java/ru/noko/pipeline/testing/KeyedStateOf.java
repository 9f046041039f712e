package ru.noko.pipeline.testing;

import java.util.stream.Stream;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/** What an operator on a test harness holds in keyed state, by the state's name. */
public final class KeyedStateOf {

    private KeyedStateOf() {}

    /** How many keys hold something in the named state; a map state whose last entry was removed holds nothing. */
    public static long keysWith(AbstractStreamOperatorTestHarness<?> harness, String state) {
        KeyedStateBackend<Object> backend = harness.getOperator().getKeyedStateBackend();
        try (Stream<Object> keys = backend.getKeys(state, VoidNamespace.INSTANCE)) {
            return keys.count();
        }
    }

    /** The named value state of type long that the key holds, or null. */
    public static Long longValueOf(AbstractStreamOperatorTestHarness<?> harness, Object key, String state)
            throws Exception {
        KeyedStateBackend<Object> backend = harness.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(key);
        return backend.getPartitionedState(
                        VoidNamespace.INSTANCE,
                        VoidNamespaceSerializer.INSTANCE,
                        new ValueStateDescriptor<>(state, Types.LONG))
                .value();
    }
}
