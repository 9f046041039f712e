package ru.noko.gateway.system;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.stereotype.Component;

/**
 * {@code noko_gateway_ready}: 1 while the instance is ready, 0 while it is not — what
 * {@code /actuator/health/readiness} says (the application accepts traffic and Kafka answers), as a number Prometheus
 * can alert on even when no respondent is sending anything. Reading it never waits: it reports what
 * {@link KafkaState}'s background check last learned (at most about a second old). NaN until Kafka's state is
 * known: not known is not "down".
 */
@Component
class ReadinessGauge {

    private final BooleanSupplier acceptingTraffic;
    private final Supplier<KafkaState.State> kafka;

    @Autowired
    ReadinessGauge(MeterRegistry registry, ApplicationAvailability availability, KafkaState kafka) {
        this(
                registry,
                () -> availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC,
                () -> kafka.snapshot().state());
    }

    ReadinessGauge(MeterRegistry registry, BooleanSupplier acceptingTraffic, Supplier<KafkaState.State> kafka) {
        this.acceptingTraffic = acceptingTraffic;
        this.kafka = kafka;
        Gauge.builder("noko.gateway.ready", this, ReadinessGauge::value)
                .description("1 while the instance is ready (accepts traffic, Kafka answers), 0 while not")
                .strongReference(true)
                .register(registry);
    }

    double value() {
        if (!acceptingTraffic.getAsBoolean()) {
            return 0;
        }
        return switch (kafka.get()) {
            case UNKNOWN -> Double.NaN;
            case UP -> 1;
            case DOWN -> 0;
        };
    }
}
