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
}
