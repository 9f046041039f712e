package ru.noko.pipeline.antifraud;

import java.util.Arrays;

/**
 * How many times an address was counted in each minute, for the times that have left the IP window but must still be
 * looked up (a session registered late counts the responses its address already had inside it). Sessions are set to
 * the minute, so a minute's count answers that question exactly; one pair per minute instead of one time per
 * response keeps a busy address's record short over a session's twelve hours. Held as an immutable array of pairs,
 * {@code [minute start, count, …]}, oldest minute first.
 */
final class MinuteCounts {

    static final long MINUTE = 60_000;

    private MinuteCounts() {}

    /** {@code counts} with {@code times} added, less the minutes that ended at or before {@code keptFrom}. */
    static long[] add(long[] counts, long[] times, int n, long keptFrom) {
        long[] result = counts == null ? IpWindow.EMPTY : counts;
        for (int i = 0; i < n; i++) {
            result = add(result, minuteOf(times[i]));
        }
        return dropBefore(result, keptFrom);
    }

    /** The counted times in minutes that start in {@code [from's minute, to)}. */
    static int between(long[] counts, long from, long to) {
        if (counts == null) {
            return 0;
        }
        long first = minuteOf(from);
        int n = 0;
        for (int i = 0; i < counts.length; i += 2) {
            if (counts[i] >= first && counts[i] < to) {
                n += (int) counts[i + 1];
            }
        }
        return n;
    }

    /** The counts less the minutes that ended at or before {@code keptFrom}. */
    static long[] dropBefore(long[] counts, long keptFrom) {
        int first = 0;
        while (first < counts.length && counts[first] + MINUTE <= keptFrom) {
            first += 2;
        }
        return first == 0 ? counts : Arrays.copyOfRange(counts, first, counts.length);
    }

    /** When the last minute's counts may be forgotten, given how long they are kept. */
    static long emptyAt(long[] counts, long keptMillis) {
        return counts[counts.length - 2] + MINUTE + keptMillis;
    }

    static long minuteOf(long time) {
        return time - Math.floorMod(time, MINUTE);
    }

    private static long[] add(long[] counts, long minute) {
        int at = counts.length;
        while (at > 0 && counts[at - 2] > minute) {
            at -= 2;
        }
        if (at > 0 && counts[at - 2] == minute) {
            long[] same = counts.clone();
            same[at - 1]++;
            return same;
        }
        long[] added = new long[counts.length + 2];
        System.arraycopy(counts, 0, added, 0, at);
        added[at] = minute;
        added[at + 1] = 1;
        System.arraycopy(counts, at, added, at + 2, counts.length - at);
        return added;
    }
}
