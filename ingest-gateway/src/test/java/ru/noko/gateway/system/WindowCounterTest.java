package ru.noko.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WindowCounterTest {

    private final AtomicLong nanos = new AtomicLong();
    private final WindowCounter exchanges = new WindowCounter(1, Duration.ofMinutes(16), 1_000, nanos::get);

    @Test
    void aSpentKeyStaysSpentWhateverFloodOfOtherKeysFollows() {
        assertThat(exchanges.tryCount("the code")).isTrue();
        assertThat(exchanges.tryCount("the code")).isFalse();

        int refused = 0;
        for (int i = 0; i < 1_000_000; i++) {
            if (!exchanges.tryCount("flood-" + i)) {
                refused++;
            }
        }

        assertThat(exchanges.tryCount("the code"))
                .as("not evicted to make room")
                .isFalse();
        assertThat(exchanges.left("the code")).isZero();
        assertThat(refused).as("past its capacity new keys are refused instead").isEqualTo(1_000_000 - 999);
        assertThat(exchanges.keys()).isLessThanOrEqualTo(1_000);
    }

    @Test
    void whenFullANewKeyHasNothingLeftAndOldKeysKeepCounting() {
        WindowCounter tries = new WindowCounter(5, Duration.ofMinutes(16), 2, nanos::get);
        tries.tryCount("a");
        tries.tryCount("b");

        assertThat(tries.left("c")).isZero();
        assertThat(tries.tryCount("c")).isFalse();
        assertThat(tries.left("a")).isEqualTo(4);
        assertThat(tries.tryCount("a")).isTrue();
    }

    @Test
    void keysAreForgottenOnlyOnceTheirWindowHasPassed() {
        WindowCounter tries = new WindowCounter(2, Duration.ofMinutes(1), 1, nanos::get);
        tries.tryCount("a");
        tries.tryCount("a");
        assertThat(tries.tryCount("a")).isFalse();
        assertThat(tries.tryCount("b")).as("full").isFalse();

        nanos.addAndGet(Duration.ofSeconds(61).toNanos());

        assertThat(tries.tryCount("a")).as("a new window").isTrue();
        assertThat(tries.left("a")).isEqualTo(1);
    }
}
