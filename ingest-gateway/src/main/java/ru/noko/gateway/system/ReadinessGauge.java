package ru.noko.gateway.system;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.stereotype.Component;

/**
 * {@code noko_gateway_ready}: 1 while the instance is ready, 0 while it is not — what
 * {@code /actuator/health/readiness} says (the application accepts traffic and Kafka answers), as a number Prometheus
 * can alert on even when no respondent is sending anything. Reading it never waits: each read (a scrape) starts the
 * next Kafka check in the background and reports the latest one that finished, so the value is at most one scrape
 * old. NaN until the first check has finished: not known is not "down".
 */
@Component
class ReadinessGauge {

    private final BooleanSupplier acceptingTraffic;
    private final Supplier<CompletionStage<Boolean>> kafkaCheck;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile Boolean kafkaAnswered;

    @Autowired
    ReadinessGauge(MeterRegistry registry, ApplicationAvailability availability, KafkaHealth kafka) {
        this(registry, () -> availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC, kafka::answersLater);
    }

    ReadinessGauge(
            MeterRegistry registry, BooleanSupplier acceptingTraffic, Supplier<CompletionStage<Boolean>> kafkaCheck) {
        this.acceptingTraffic = acceptingTraffic;
        this.kafkaCheck = kafkaCheck;
        Gauge.builder("noko.gateway.ready", this, ReadinessGauge::value)
                .description("1 while the instance is ready (accepts traffic, Kafka answers), 0 while not")
                .strongReference(true)
                .register(registry);
    }

    double value() {
        checkKafkaInBackground();
        if (!acceptingTraffic.getAsBoolean()) {
            return 0;
        }
        Boolean kafka = kafkaAnswered;
        if (kafka == null) {
            return Double.NaN;
        }
        return kafka ? 1 : 0;
    }

    /** One check at a time: a scrape while Kafka is slow to answer reports the previous check again. */
    private void checkKafkaInBackground() {
        if (!checking.compareAndSet(false, true)) {
            return;
        }
        try {
            kafkaCheck.get().whenComplete((answered, error) -> {
                kafkaAnswered = error == null && Boolean.TRUE.equals(answered);
                checking.set(false);
            });
        } catch (RuntimeException e) {
            kafkaAnswered = false;
            checking.set(false);
        }
    }
}
