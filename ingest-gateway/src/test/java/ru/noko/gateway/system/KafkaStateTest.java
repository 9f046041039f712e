package ru.noko.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * What the gateway believes of Kafka, from its background checks and its sends: down only after failures in a row,
 * so one slow answer (a blip) refuses nothing, and up again at the first answer.
 */
class KafkaStateTest {

    private final List<CompletableFuture<Integer>> checks = new ArrayList<>();
    private final KafkaState kafka = new KafkaState(this::check);

    private CompletionStage<Integer> check() {
        CompletableFuture<Integer> check = new CompletableFuture<>();
        checks.add(check);
        return check;
    }

    private void answer(boolean answered) {
        kafka.checkNow();
        CompletableFuture<Integer> check = checks.get(checks.size() - 1);
        if (answered) {
            check.complete(1);
        } else {
            check.completeExceptionally(new TimeoutException("timed out"));
        }
    }

    @Test
    void unknownUntilTheFirstAnswerThenUp() {
        assertThat(kafka.snapshot().state()).isEqualTo(KafkaState.State.UNKNOWN);
        assertThat(kafka.down()).as("not known is not down: nothing is refused").isFalse();

        answer(true);

        assertThat(kafka.snapshot().state()).isEqualTo(KafkaState.State.UP);
        assertThat(kafka.snapshot().brokers()).isEqualTo(1);
    }

    @Test
    void oneFailedCheckIsABlipTwoInARowAreDown() {
        answer(true);
        answer(false);
        assertThat(kafka.down()).as("one slow answer refuses nothing").isFalse();
        answer(true);
        answer(false);
        assertThat(kafka.down()).as("the success between reset the count").isFalse();

        answer(false);

        assertThat(kafka.down()).isTrue();
        assertThat(kafka.snapshot().error()).contains("Kafka does not answer");
    }

    @Test
    void upAgainAtTheFirstAnswerOrAcknowledgement() {
        answer(false);
        answer(false);
        assertThat(kafka.down()).isTrue();

        answer(true);
        assertThat(kafka.down()).isFalse();

        answer(false);
        answer(false);
        kafka.acknowledged();
        assertThat(kafka.down()).as("a record acknowledged: Kafka answers").isFalse();
    }

    @Test
    void sendsThatTimedOutCountOtherSendFailuresDoNot() {
        answer(true);
        kafka.sendFailed(new RecordTooLargeException("too large"));
        kafka.sendFailed(new RecordTooLargeException("too large"));
        assertThat(kafka.down()).as("says nothing of Kafka's health").isFalse();

        kafka.sendFailed(new TimeoutException("expired"));
        kafka.sendFailed(new TimeoutException("expired"));

        assertThat(kafka.down()).isTrue();
    }

    @Test
    void aCheckStillOpenIsNotAskedAgain() {
        kafka.checkNow();
        kafka.checkNow();

        assertThat(checks).hasSize(1);
    }
}
