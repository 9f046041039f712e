package ru.noko.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The readiness Prometheus alerts on (deploy/prometheus/alerts.yml, GatewayNotReady): the latest finished Kafka check,
 * never a scrape waiting for Kafka.
 */
class ReadinessGaugeTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicBoolean acceptingTraffic = new AtomicBoolean(true);
    private final List<CompletableFuture<Boolean>> checks = new ArrayList<>();

    private final ReadinessGauge gauge = new ReadinessGauge(registry, acceptingTraffic::get, this::check);

    private CompletionStage<Boolean> check() {
        CompletableFuture<Boolean> check = new CompletableFuture<>();
        checks.add(check);
        return check;
    }

    private double ready() {
        return registry.get("noko.gateway.ready").gauge().value();
    }

    @Test
    void notKnownUntilKafkaFirstAnswersThenReady() {
        assertThat(ready()).as("the first scrape only starts the check").isNaN();
        checks.get(0).complete(true);

        assertThat(ready()).isEqualTo(1.0);
    }

    @Test
    void aScrapeWhileKafkaIsSlowToAnswerDoesNotWaitAndStartsNoSecondCheck() {
        ready();
        checks.get(0).complete(true);
        ready();

        assertThat(ready()).as("the previous answer, at once").isEqualTo(1.0);
        assertThat(checks).as("one check in flight at a time").hasSize(2);
    }

    @Test
    void notReadyOnceKafkaStopsAnsweringAndReadyAgainWhenItDoes() {
        ready();
        checks.get(0).complete(true);
        ready();
        checks.get(1).complete(false);
        assertThat(ready()).isZero();

        checks.get(2).completeExceptionally(new IllegalStateException("timed out"));
        assertThat(ready()).as("a check that fails counts as no answer").isZero();

        checks.get(3).complete(true);
        assertThat(ready()).isEqualTo(1.0);
    }

    @Test
    void notReadyWhileTheApplicationRefusesTrafficWhateverKafkaSays() {
        ready();
        checks.get(0).complete(true);
        acceptingTraffic.set(false);

        assertThat(ready()).as("shutting down").isZero();
    }
}
