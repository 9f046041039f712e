package ru.noko.pipeline.results;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmissionPaceTest {

    @Test
    void figuresNeverEmittedOrQuietForASecondAreEmittedAtOnce() {
        assertThat(EmissionPace.next(null, 5_000)).isEqualTo(5_000);
        assertThat(EmissionPace.next(4_000L, 5_000)).isEqualTo(5_000);
        assertThat(EmissionPace.next(1_000L, 5_000)).isEqualTo(5_000);
    }

    @Test
    void figuresEmittedWithinTheLastSecondWaitForItsEnd() {
        assertThat(EmissionPace.next(4_500L, 5_000)).isEqualTo(5_500);
        assertThat(EmissionPace.next(5_000L, 5_000)).isEqualTo(6_000);
    }

    @Test
    void aResponseReadMoreThanTenSecondsAfterItsReceiptIsPartOfABacklog() {
        assertThat(EmissionPace.isBacklog(0, EmissionPace.BACKLOG_LAG_MS)).isFalse();
        assertThat(EmissionPace.isBacklog(0, EmissionPace.BACKLOG_LAG_MS + 1)).isTrue();
    }

    @Test
    void figuresBusyWithABacklogWaitUntilTenSecondsHavePassedOrTheChangesPauseForASecond() {
        assertThat(EmissionPace.waits(10_000L, 14_500L, 15_000))
                .as("busy, written 5 s ago")
                .isTrue();
        assertThat(EmissionPace.waits(10_000L, 14_500L, 20_000))
                .as("written 10 s ago")
                .isFalse();
        assertThat(EmissionPace.waits(10_000L, 14_000L, 15_000))
                .as("quiet for a second")
                .isFalse();
        assertThat(EmissionPace.waits(10_000L, null, 15_000))
                .as("the last change was on time")
                .isFalse();
        assertThat(EmissionPace.waits(null, 14_500L, 15_000))
                .as("never written")
                .isFalse();
    }
}
