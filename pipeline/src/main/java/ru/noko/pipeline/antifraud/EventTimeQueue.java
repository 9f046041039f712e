package ru.noko.pipeline.antifraud;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * Holds a key's responses until the watermark passes their event time (the gateway's receivedAt), then hands them out in event-time order
 * (response id within one instant), so a check's verdicts depend only on the responses, never on the order Kafka
 * partitions delivered them. A late response — already behind the watermark when it arrives — is judged at once.
 */
final class EventTimeQueue {

    private MapState<Long, List<ScreenedResponse>> waiting;

    void open(RuntimeContext context) {
        waiting = context.getMapState(new MapStateDescriptor<>(
                "waiting", Types.LONG, Types.LIST(TypeInformation.of(ScreenedResponse.class))));
    }

    /** Queues the response and returns false, or returns true when it is late and must be judged now. */
    boolean isLate(ScreenedResponse response, TimerService timers) throws Exception {
        long time = response.eventTime();
        if (time <= timers.currentWatermark()) {
            return true;
        }
        List<ScreenedResponse> atTime = waiting.get(time);
        List<ScreenedResponse> updated = atTime == null ? new ArrayList<>() : new ArrayList<>(atTime);
        updated.add(response);
        waiting.put(time, updated);
        timers.registerEventTimeTimer(time);
        return false;
    }

    /** The responses of {@code time}, in response-id order, removed from the queue. */
    List<ScreenedResponse> release(long time) throws Exception {
        List<ScreenedResponse> atTime = waiting.get(time);
        if (atTime == null) {
            return List.of();
        }
        List<ScreenedResponse> ordered = new ArrayList<>(atTime);
        ordered.sort(Comparator.comparing(r -> r.responseId));
        waiting.remove(time);
        return ordered;
    }
}
