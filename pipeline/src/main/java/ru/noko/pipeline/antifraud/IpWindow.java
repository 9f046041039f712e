package ru.noko.pipeline.antifraud;

import java.util.Arrays;
import ru.noko.methodology.campaign.AntiFraudSettings;

/**
 * The IP limit's sliding event-time window: the times an address was counted, oldest first, held as an immutable
 * array so keyed state stores it without copying. A response received at {@code t} sees the counted times in
 * {@code (t − window, t]}: one received exactly a window earlier has left it. A response rejected for the limit takes
 * no place, a flagged one does.
 */
final class IpWindow {

    static final long[] EMPTY = new long[0];

    private IpWindow() {}

    /** The counted times still inside the window at {@code time}. */
    static long[] recent(long[] counted, long time, long windowMillis) {
        long windowStart = time - windowMillis;
        int first = 0;
        while (first < counted.length && counted[first] <= windowStart) {
            first++;
        }
        return first == 0 ? counted : Arrays.copyOfRange(counted, first, counted.length);
    }

    /**
     * Judges a response against the limit, given how many responses were already counted; returns whether it is
     * counted. Over the limit it is rejected, or flagged and counted where the campaign reviews instead.
     */
    static boolean admit(
            ScreenedResponse response, int alreadyCounted, int limit, FraudReason reason, AntiFraudSettings rules) {
        return alreadyCounted < limit || overLimit(response, reason, rules);
    }

    /** A response over a limit: rejected, or flagged and counted where the campaign reviews instead. */
    static boolean overLimit(ScreenedResponse response, FraudReason reason, AntiFraudSettings rules) {
        if (rules.reviewOverLimit()) {
            response.flag(reason);
            return true;
        }
        response.reject(reason);
        return false;
    }

    /** {@code counted} with {@code time} added in order (a late response may come before times already counted). */
    static long[] add(long[] counted, long time) {
        int at = counted.length;
        while (at > 0 && counted[at - 1] > time) {
            at--;
        }
        long[] added = new long[counted.length + 1];
        System.arraycopy(counted, 0, added, 0, at);
        added[at] = time;
        System.arraycopy(counted, at, added, at + 1, counted.length - at);
        return added;
    }

    /** When the window will have slid past every counted time, so the address can be forgotten. */
    static long emptyAt(long[] counted, long windowMillis) {
        return counted[counted.length - 1] + windowMillis;
    }
}
