package ru.noko.pipeline.antifraud;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MinuteCountsTest {

    private static final long MINUTE = MinuteCounts.MINUTE;

    @Test
    void timesAreCountedPerMinuteInOrderWhateverOrderTheyCameIn() {
        long[] counts = MinuteCounts.add(null, new long[] {5 * MINUTE + 1, 2 * MINUTE, 5 * MINUTE + 59_999}, 3, 0);
        counts = MinuteCounts.add(counts, new long[] {3 * MINUTE + 7, 2 * MINUTE + 30_000}, 2, 0);

        assertThat(counts).containsExactly(2 * MINUTE, 2, 3 * MINUTE, 1, 5 * MINUTE, 2);
    }

    @Test
    void onlyTheFirstTimesGivenAreAdded() {
        assertThat(MinuteCounts.add(null, new long[] {MINUTE, 9 * MINUTE}, 1, 0))
                .containsExactly(MINUTE, 1);
    }

    @Test
    void aSessionCountsTheMinutesThatStartInsideIt() {
        long[] counts = {2 * MINUTE, 2, 3 * MINUTE, 1, 5 * MINUTE, 4};

        assertThat(MinuteCounts.between(counts, 3 * MINUTE, 5 * MINUTE)).isEqualTo(1);
        assertThat(MinuteCounts.between(counts, 2 * MINUTE, 6 * MINUTE)).isEqualTo(7);
        assertThat(MinuteCounts.between(counts, 6 * MINUTE, 9 * MINUTE)).isZero();
        assertThat(MinuteCounts.between(null, 0, 9 * MINUTE)).isZero();
    }

    @Test
    void minutesThatEndedBeforeTheRetentionAreDropped() {
        long[] counts = {2 * MINUTE, 2, 3 * MINUTE, 1, 5 * MINUTE, 4};

        assertThat(MinuteCounts.dropBefore(counts, 4 * MINUTE)).containsExactly(5 * MINUTE, 4);
        assertThat(MinuteCounts.dropBefore(counts, 3 * MINUTE)).containsExactly(3 * MINUTE, 1, 5 * MINUTE, 4);
        assertThat(MinuteCounts.dropBefore(counts, 6 * MINUTE)).isEmpty();
        assertThat(MinuteCounts.emptyAt(counts, 60 * MINUTE)).isEqualTo(66 * MINUTE);
    }

    @Test
    void timesBeforeTheEpochFallInTheirMinuteToo() {
        assertThat(MinuteCounts.minuteOf(-1)).isEqualTo(-MINUTE);
        assertThat(MinuteCounts.minuteOf(MINUTE)).isEqualTo(MINUTE);
    }
}
