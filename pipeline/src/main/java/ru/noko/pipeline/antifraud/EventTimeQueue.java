package ru.noko.pipeline.antifraud;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
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
 *
 * <p>The responses wait in a list in arrival order, sorted only when released: a key holds a few at a time (those
 * between its watermark and the newest receipt), and a release walks all of them anyway. Appending is one state access
 * on either backend (the heap backend appends in place, RocksDB merges), where a map by event time cost a read, a
 * copied list and a write per response, and a removal per released instant (BENCHMARKS.md: the queue was an eighth
 * of the job's samples).
 */
final class EventTimeQueue {

    /** The list's name in keyed state. */
    static final String WAITING = "waiting-responses";
    /**
     * How checkpoints before the list kept the responses: event time → the responses received then. Read only to adopt
     * what such a checkpoint holds; its keys also kept a timer at or before each response, so none waits past its time.
     */
    static final MapStateDescriptor<Long, List<ScreenedResponse>> EARLIER_LAYOUT =
            new MapStateDescriptor<>("waiting", Types.LONG, Types.LIST(TypeInformation.of(ScreenedResponse.class)));

    private static final Comparator<ScreenedResponse> ORDER =
            Comparator.comparingLong(ScreenedResponse::eventTime).thenComparing(r -> r.responseId);

    private ListState<ScreenedResponse> waiting;
    private MapState<Long, List<ScreenedResponse>> earlierLayout;
    /** the earliest event time waiting, at which the key's timer is set; empty exactly when nothing waits */
    private ValueState<Long> nextRelease;

    void open(RuntimeContext context) {
        waiting = context.getListState(new ListStateDescriptor<>(WAITING, TypeInformation.of(ScreenedResponse.class)));
        earlierLayout = context.getMapState(EARLIER_LAYOUT);
        nextRelease = context.getState(new ValueStateDescriptor<>("waiting-release", Types.LONG));
    }

    /** Queues the response and returns false, or returns true when it is late and must be judged now. */
    boolean isLate(ScreenedResponse response, TimerService timers) throws Exception {
        long time = response.eventTime();
        if (time <= timers.currentWatermark()) {
            return true;
        }
        waiting.add(response);
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
     * timer is set at the earliest response left. Any of the key's timers may call it (the address windows' sweeps
     * too): it releases nothing before its time.
     */
    List<ScreenedResponse> release(TimerService timers) throws Exception {
        adoptEarlierLayout(timers);
        Long next = nextRelease.value();
        long watermark = timers.currentWatermark();
        if (next == null || next > watermark) {
            return List.of();
        }
        List<ScreenedResponse> released = new ArrayList<>();
        List<ScreenedResponse> left = null;
        long earliestLeft = Long.MAX_VALUE;
        for (ScreenedResponse response : waiting.get()) {
            long time = response.eventTime();
            if (time <= watermark) {
                released.add(response);
            } else {
                if (left == null) {
                    left = new ArrayList<>();
                }
                left.add(response);
                earliestLeft = Math.min(earliestLeft, time);
            }
        }
        if (left == null) {
            waiting.clear();
            nextRelease.clear();
        } else {
            waiting.update(left);
            timers.registerEventTimeTimer(earliestLeft);
            nextRelease.update(earliestLeft);
        }
        released.sort(ORDER);
        return released;
    }

    /** Moves what a checkpoint of the earlier layout left waiting into the list; a lookup when there is none. */
    private void adoptEarlierLayout(TimerService timers) throws Exception {
        if (earlierLayout.isEmpty()) {
            return;
        }
        Long next = nextRelease.value();
        long earliest = next == null ? Long.MAX_VALUE : next;
        for (List<ScreenedResponse> atTime : earlierLayout.values()) {
            for (ScreenedResponse response : atTime) {
                waiting.add(response);
                earliest = Math.min(earliest, response.eventTime());
            }
        }
        earlierLayout.clear();
        timers.registerEventTimeTimer(earliest);
        nextRelease.update(earliest);
    }
}
