package ru.noko.pipeline.antifraud;

import java.util.ArrayList;
import java.util.HexFormat;
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
 * keyed state: address → the times counted inside the window. A check that must look further back (a session
 * registered late counts what its address already had, {@link OrganizationScreening}) keeps the times that left the
 * window as counts per minute ({@link MinuteCounts}) for as long as it asks: the window judges every response, the
 * minutes are written only when a time leaves the window and read only when a session is registered. An address is
 * forgotten once the window and the retention have slid past it, by an event-time sweep of the key, at most four
 * times per window, so the timer queue holds one sweep per key rather than one timer per address. The minutes are
 * walked only when the oldest of them is due, at most four times per retention: walking a busy organization's
 * twelve hours of addresses on every sweep of its hour's window took a third of the check's time.
 */
final class AddressWindows {

    /** address ({@link #key}) → the times counted inside the window, oldest first */
    static final MapStateDescriptor<Long, long[]> COUNTED =
            new MapStateDescriptor<>("ip-times", Types.LONG, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    /** address ({@link #key}) → the times counted before the window, per minute, while the retention keeps them */
    static final MapStateDescriptor<Long, long[]> MINUTES =
            new MapStateDescriptor<>("ip-minutes", Types.LONG, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);

    private final MapState<Long, long[]> counted;
    private final MapState<Long, long[]> minutes;
    /** the pending sweep's time, if one is pending */
    private final ValueState<Long> sweepAt;
    /** the window the addresses were last counted in (all of a key's responses are of one campaign) */
    private final ValueState<Long> window;
    /** when the minutes are walked next, if any are kept */
    private final ValueState<Long> minutesDue;

    /** how long a counted time is looked back at in all (0: no longer than the window) */
    private final long retentionMillis;

    AddressWindows(RuntimeContext context, long retentionMillis) {
        counted = context.getMapState(COUNTED);
        minutes = context.getMapState(MINUTES);
        sweepAt = context.getState(new ValueStateDescriptor<>("ip-sweep-at", Types.LONG));
        window = context.getState(new ValueStateDescriptor<>("ip-window", Types.LONG));
        minutesDue = context.getState(new ValueStateDescriptor<>("ip-minutes-due", Types.LONG));
        this.retentionMillis = retentionMillis;
    }

    /**
     * An address as the state knows it: the first 64 bits of its HMAC (hex), not the 64 characters. A window can
     * hold a million addresses and every checkpoint writes them all, so eight bytes instead of a string of 64 cut the
     * checkpoint and every lookup; the HMAC is keyed, so nobody can choose an address that collides with another.
     * Any other text (tests name addresses) is fingerprinted.
     */
    static long key(String ipHmac) {
        if (ipHmac.length() >= 16 && HexFormat.isHexDigit(ipHmac.charAt(0))) {
            try {
                return Long.parseUnsignedLong(ipHmac, 0, 16, 16);
            } catch (NumberFormatException notHex) {
                // falls through
            }
        }
        return Fingerprint.of(ipHmac);
    }

    /** Judges the response against {@code limit} responses from its address within the campaign's window. */
    void judge(ScreenedResponse response, AntiFraudSettings rules, int limit, FraudReason reason, TimerService timers)
            throws Exception {
        long address = response.addressKey();
        long[] inWindow = inWindow(address, response, rules);
        boolean counts = IpWindow.admit(response, inWindow.length, limit, reason, rules);
        store(address, counts ? IpWindow.add(inWindow, response.eventTime()) : inWindow, rules, timers);
    }

    /** Counts the response in its address's window without judging it (an organized session judged it). */
    void count(ScreenedResponse response, AntiFraudSettings rules, TimerService timers) throws Exception {
        long address = response.addressKey();
        store(address, IpWindow.add(inWindow(address, response, rules), response.eventTime()), rules, timers);
    }

    /**
     * How many times the address's counted times fall in {@code [from, to)}, of those still kept: exactly inside
     * the window, by whole minutes before it (a session's bounds are minutes). Reads the key set as current.
     */
    int countedBetween(String ipHmac, long from, long to) throws Exception {
        long address = key(ipHmac);
        int n = MinuteCounts.between(minutes.get(address), from, to);
        long[] times = counted.get(address);
        for (long time : times == null ? IpWindow.EMPTY : times) {
            if (time >= from && time < to) {
                n++;
            }
        }
        return n;
    }

    /** The address's counted times inside the window at the response's time; those that left it go to the minutes. */
    private long[] inWindow(long address, ScreenedResponse response, AntiFraudSettings rules) throws Exception {
        long[] stored = counted.get(address);
        if (stored == null) {
            return IpWindow.EMPTY;
        }
        long[] recent = IpWindow.recent(stored, response.eventTime(), rules.ipWindowMillis());
        if (recent.length < stored.length && retentionMillis > rules.ipWindowMillis()) {
            keepMinutes(address, stored, stored.length - recent.length, response.eventTime());
        }
        return recent;
    }

    private void keepMinutes(long address, long[] times, int n, long now) throws Exception {
        long[] kept = addMinutes(address, times, n, now);
        if (kept.length > 0) {
            walkMinutesBy(kept);
        }
    }

    /** Adds the first {@code n} of the times to the address's minutes; returns the minutes kept (none: forgotten). */
    private long[] addMinutes(long address, long[] times, int n, long now) throws Exception {
        long[] before = minutes.get(address);
        long[] kept = MinuteCounts.add(before, times, n, now - retentionMillis);
        if (kept.length > 0) {
            minutes.put(address, kept);
        } else if (before != null) {
            minutes.remove(address);
        }
        return kept;
    }

    private void walkMinutesBy(long[] kept) throws Exception {
        if (minutesDue.value() == null) {
            // Later minutes are mostly due later; one that is due sooner waits for the walk, which is harmless: a kept
            // minute is only ever counted inside a session's bounds.
            minutesDue.update(MinuteCounts.emptyAt(kept, retentionMillis));
        }
    }

    private void store(long address, long[] updated, AntiFraudSettings rules, TimerService timers) throws Exception {
        if (updated.length == 0) {
            counted.remove(address);
            return;
        }
        counted.put(address, updated);
        long windowMillis = rules.ipWindowMillis();
        if (!Long.valueOf(windowMillis).equals(window.value())) {
            window.update(windowMillis);
        }
        if (sweepAt.value() == null) {
            long emptyAt = IpWindow.emptyAt(updated, windowMillis);
            sweepAt.update(emptyAt);
            timers.registerEventTimeTimer(emptyAt);
        }
    }

    /**
     * On any timer of the key: forgets the addresses the window has slid past (keeping their minutes where the
     * retention asks), and the minutes the retention has slid past when their walk is due, if a sweep is due.
     */
    void sweepIfDue(long time, TimerService timers) throws Exception {
        Long due = sweepAt.value();
        if (due == null || due > time) {
            return;
        }
        long window = this.window.value() == null ? AntiFraudSettings.DEFAULTS.ipWindowMillis() : this.window.value();
        boolean keepsMinutes = retentionMillis > window;
        long next = Long.MAX_VALUE;
        List<Map.Entry<Long, long[]>> gone = new ArrayList<>();
        for (Map.Entry<Long, long[]> entry : counted.entries()) {
            long emptyAt = IpWindow.emptyAt(entry.getValue(), window);
            if (emptyAt <= time) {
                gone.add(entry);
            } else {
                next = Math.min(next, emptyAt);
            }
        }
        if (next == Long.MAX_VALUE) {
            // Every address has gone (the usual case while a backlog moves event time by hours a step): one removal.
            counted.clear();
        } else {
            for (Map.Entry<Long, long[]> entry : gone) {
                counted.remove(entry.getKey());
            }
        }
        if (keepsMinutes) {
            long[] firstKept = null;
            for (Map.Entry<Long, long[]> entry : gone) {
                long[] kept = addMinutes(entry.getKey(), entry.getValue(), entry.getValue().length, time);
                if (firstKept == null && kept.length > 0) {
                    firstKept = kept;
                }
            }
            if (firstKept != null) {
                walkMinutesBy(firstKept);
            }
        }
        if (next != Long.MAX_VALUE) {
            // At most four sweeps per window: an address may outlive its window by a quarter of it.
            next = Math.max(next, time + window / 4);
        }
        Long minutesAt = keepsMinutes ? minutesDue.value() : null;
        // Minutes without a due time come from a checkpoint taken before it was kept: walk them once.
        if (keepsMinutes && (minutesAt == null ? !minutes.isEmpty() : minutesAt <= time)) {
            minutesAt = sweepMinutes(time);
        }
        if (minutesAt != null) {
            next = Math.min(next, minutesAt);
        }
        if (next == Long.MAX_VALUE) {
            sweepAt.clear();
        } else {
            sweepAt.update(next);
            timers.registerEventTimeTimer(next);
        }
    }

    /** Forgets the minutes the retention has slid past; returns when to walk the rest, or null if none is left. */
    private Long sweepMinutes(long time) throws Exception {
        long next = Long.MAX_VALUE;
        List<Long> forgotten = new ArrayList<>();
        for (Map.Entry<Long, long[]> entry : minutes.entries()) {
            long emptyAt = MinuteCounts.emptyAt(entry.getValue(), retentionMillis);
            if (emptyAt <= time) {
                forgotten.add(entry.getKey());
            } else {
                next = Math.min(next, emptyAt);
            }
        }
        if (next == Long.MAX_VALUE) {
            minutes.clear();
            minutesDue.clear();
            return null;
        }
        for (Long address : forgotten) {
            minutes.remove(address);
        }
        // At most four walks per retention: a minute may outlive it by a quarter of it.
        long at = Math.max(next, time + retentionMillis / 4);
        minutesDue.update(at);
        return at;
    }
}
