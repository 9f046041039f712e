package ru.noko.pipeline.testing;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that keeps what it is given, for a job on a local MiniCluster: the job runs in the test's JVM, so its
 * writers put the records where the test reads them, under this sink's own id.
 */
public final class CollectingSink<T> implements Sink<T> {

    private static final Map<String, Queue<Object>> COLLECTED = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    public CollectingSink() {
        COLLECTED.put(id, new ConcurrentLinkedQueue<>());
    }

    /** What the sink has been given so far, in no particular order across subtasks. */
    @SuppressWarnings("unchecked")
    public List<T> collected() {
        return (List<T>) List.copyOf(COLLECTED.get(id));
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        Queue<Object> records = COLLECTED.get(id);
        return new SinkWriter<>() {
            @Override
            public void write(T record, Context context) {
                records.add(record);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
