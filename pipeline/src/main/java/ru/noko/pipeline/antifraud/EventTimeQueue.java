package ru.noko.pipeline.antifraud;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * Holds a key's responses until the watermark passes their event time (the gateway's receivedAt), then hands them out
 * in event-time order (response id within one instant), so a check's verdicts depend only on the responses, never on
 * the order Kafka partitions delivered them. A late response — already behind the watermark when it arrives — is
 * judged at once.
 *
 * <p>One event-time timer per key at a time, at its earliest waiting response, rather than one per response: when the
 * watermark passes it, every response the watermark has passed is released together, in order, and the timer moves
 * to the earliest one left. A key receives a timer per watermark step at most, however many responses it holds
 * (BENCHMARKS.md: the timers' queue took a fifth of each check's thread).
 */
final class EventTimeQueue {

    private static final Comparator<ScreenedResponse> ORDER =
            Comparator.comparingLong(ScreenedResponse::eventTime).thenComparing(r -> r.responseId);

    private MapState<Long, List<ScreenedResponse>> waiting;
    /** the earliest event time waiting, at which the key's timer is set; empty when nothing waits */
    private ValueState<Long> nextRelease;

    void open(RuntimeContext context) {
        waiting = context.getMapState(new MapStateDescriptor<>(
                "waiting", Types.LONG, Types.LIST(TypeInformation.of(ScreenedResponse.class))));
        nextRelease = context.getState(new ValueStateDescriptor<>("waiting-release", Types.LONG));
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
        Long next = nextRelease.value();
        if (next == null || time < next) {
            // A later timer still set fires in its turn and finds nothing, or what has come since, to release.
            timers.registerEventTimeTimer(time);
            nextRelease.update(time);
        }
        return false;
    }

    /**
     * The responses the watermark has passed, in event-time and response-id order, removed from the queue; the key's
     * timer is set at the earliest response left. Any of the key's timers may call it: it releases nothing before
     * its time.
     */
    List<ScreenedResponse> release(TimerService timers) throws Exception {
        Long next = nextRelease.value();
        long watermark = timers.currentWatermark();
        // Without a release time nothing waits (the address windows' sweep timers call here too), unless the key was
        // restored from a checkpoint of the queue with a timer per response: its responses and timers are there but
        // no release time, so what waits is walked. (If such a key receives a response first, what waited before it
        // goes out with that response, in order, when the watermark passes it.)
        if (next == null ? waiting.isEmpty() : next > watermark) {
            return List.of();
        }
        List<ScreenedResponse> released = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        long earliestLeft = Long.MAX_VALUE;
        for (Map.Entry<Long, List<ScreenedResponse>> entry : waiting.entries()) {
            long time = entry.getKey();
            if (time <= watermark) {
                times.add(time);
                released.addAll(entry.getValue());
            } else {
                earliestLeft = Math.min(earliestLeft, time);
            }
        }
        for (long time : times) {
            waiting.remove(time);
        }
        if (earliestLeft == Long.MAX_VALUE) {
            nextRelease.clear();
        } else {
            timers.registerEventTimeTimer(earliestLeft);
            nextRelease.update(earliestLeft);
        }
        released.sort(ORDER);
        return released;
    }
}
