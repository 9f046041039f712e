package ru.noko.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The readiness Prometheus alerts on (deploy/prometheus/alerts.yml, GatewayNotReady): what the background check of
 * Kafka last learned ({@link KafkaState}), never a scrape waiting for Kafka.
 */
class ReadinessGaugeTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicBoolean acceptingTraffic = new AtomicBoolean(true);
    private final AtomicReference<KafkaState.State> kafka = new AtomicReference<>(KafkaState.State.UNKNOWN);

    private final ReadinessGauge gauge = new ReadinessGauge(registry, acceptingTraffic::get, kafka::get);

    private double ready() {
        return registry.get("noko.gateway.ready").gauge().value();
    }

    @Test
    void notKnownUntilKafkaFirstAnswersThenReady() {
        assertThat(ready()).as("not known is not down").isNaN();
        kafka.set(KafkaState.State.UP);

        assertThat(ready()).isEqualTo(1.0);
    }

    @Test
    void notReadyWhileKafkaIsKnownDownAndReadyAgainWhenItAnswers() {
        kafka.set(KafkaState.State.UP);
        kafka.set(KafkaState.State.DOWN);
        assertThat(ready()).isZero();

        kafka.set(KafkaState.State.UP);
        assertThat(ready()).isEqualTo(1.0);
    }

    @Test
    void notReadyWhileTheApplicationRefusesTrafficWhateverKafkaSays() {
        kafka.set(KafkaState.State.UP);
        acceptingTraffic.set(false);

        assertThat(ready()).as("shutting down").isZero();
    }
}
