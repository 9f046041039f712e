package ru.noko.pipeline.antifraud;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import ru.noko.methodology.campaign.AntiFraudSettings;

/**
 * The IP limit's sliding windows of the addresses under one key (an organization, or a bucket of addresses), in
 * keyed state: IP HMAC → the times counted. An address is forgotten once the window (or the longer retention a check
 * asks for) has slid past all its times, by an event-time sweep of the key, at most four times per window, so the
 * state holds about one window of addresses and the timer queue one sweep per key rather than one timer per address.
 */
final class AddressWindows {

    /** IP HMAC → the times counted, oldest first; also read across keys when a session is registered late. */
    static final MapStateDescriptor<String, long[]> COUNTED =
            new MapStateDescriptor<>("ip-counted", Types.STRING, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);

    private final MapState<String, long[]> counted;
    /** the pending sweep's time, if one is pending */
    private final ValueState<Long> sweepAt;
    /**
     * how long the key's counted times are kept: the window the addresses were last counted in (all of a key's
     * responses are of one campaign), or the retention, whichever is longer
     */
    private final ValueState<Long> window;

    private final long retentionMillis;

    AddressWindows(RuntimeContext context, long retentionMillis) {
        counted = context.getMapState(COUNTED);
        sweepAt = context.getState(new ValueStateDescriptor<>("ip-sweep-at", Types.LONG));
        window = context.getState(new ValueStateDescriptor<>("ip-window", Types.LONG));
        this.retentionMillis = retentionMillis;
    }

    /** Judges the response against {@code limit} responses from its address within the campaign's window. */
    void judge(ScreenedResponse response, AntiFraudSettings rules, int limit, FraudReason reason, TimerService timers)
            throws Exception {
        long[] kept = kept(response, rules);
        int inWindow = IpWindow.recent(kept, response.eventTime(), rules.ipWindowMillis()).length;
        boolean counts = IpWindow.admit(response, inWindow, limit, reason, rules);
        store(response, counts ? IpWindow.add(kept, response.eventTime()) : kept, rules, timers);
    }

    /** Counts the response in its address's window without judging it (an organized session judged it). */
    void count(ScreenedResponse response, AntiFraudSettings rules, TimerService timers) throws Exception {
        store(response, IpWindow.add(kept(response, rules), response.eventTime()), rules, timers);
    }

    /** How many times counted from {@code ipHmac} fall in {@code [from, to)}, of those still kept. */
    static int countedBetween(long[] times, long from, long to) {
        int n = 0;
        for (long time : times == null ? IpWindow.EMPTY : times) {
            if (time >= from && time < to) {
                n++;
            }
        }
        return n;
    }

    private long keptMillis(AntiFraudSettings rules) {
        return Math.max(rules.ipWindowMillis(), retentionMillis);
    }

    private long[] kept(ScreenedResponse response, AntiFraudSettings rules) throws Exception {
        long[] stored = counted.get(response.ipHmac);
        return IpWindow.recent(stored == null ? IpWindow.EMPTY : stored, response.eventTime(), keptMillis(rules));
    }

    private void store(ScreenedResponse response, long[] updated, AntiFraudSettings rules, TimerService timers)
            throws Exception {
        if (updated.length == 0) {
            counted.remove(response.ipHmac);
            return;
        }
        counted.put(response.ipHmac, updated);
        long kept = keptMillis(rules);
        if (!Long.valueOf(kept).equals(window.value())) {
            window.update(kept);
        }
        if (sweepAt.value() == null) {
            long emptyAt = IpWindow.emptyAt(updated, kept);
            sweepAt.update(emptyAt);
            timers.registerEventTimeTimer(emptyAt);
        }
    }

    /** On any timer of the key: forgets the addresses the window has slid past, if a sweep is due. */
    void sweepIfDue(long time, TimerService timers) throws Exception {
        Long due = sweepAt.value();
        if (due == null || due > time) {
            return;
        }
        long window = this.window.value() == null
                ? Math.max(AntiFraudSettings.DEFAULTS.ipWindowMillis(), retentionMillis)
                : this.window.value();
        long next = Long.MAX_VALUE;
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, long[]> entry : counted.entries()) {
            long emptyAt = IpWindow.emptyAt(entry.getValue(), window);
            if (emptyAt <= time) {
                gone.add(entry.getKey());
            } else {
                next = Math.min(next, emptyAt);
            }
        }
        for (String ip : gone) {
            counted.remove(ip);
        }
        if (next == Long.MAX_VALUE) {
            sweepAt.clear();
        } else {
            // At most four sweeps per window: an address may outlive its window by a quarter of it.
            long at = Math.max(next, time + window / 4);
            sweepAt.update(at);
            timers.registerEventTimeTimer(at);
        }
    }
}
