package ru.noko.pipeline.antifraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    @Test
    void theSameTextAlwaysGivesTheSameFingerprint() {
        assertThat(Fingerprint.of("parent|dev-1")).isEqualTo(Fingerprint.of("parent|dev-1"));
    }

    @Test
    void nearlyEqualIdentifiersGetDifferentFingerprints() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            seen.add(Fingerprint.of("parent|dev-" + i));
        }
        seen.add(Fingerprint.of("student|dev-0"));

        assertThat(seen).hasSize(100_001);
    }
}
