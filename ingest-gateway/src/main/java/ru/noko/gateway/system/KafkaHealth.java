package ru.noko.gateway.system;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the Kafka cluster answers: part of readiness (an instance that cannot store responses should get none),
 * never of liveness (restarting the gateway does not bring Kafka back). Says what {@link KafkaState} last learned and
 * never asks Kafka itself, so readiness answers at once (well under 100 ms) even while Kafka is down; UP until it is
 * known down, DOWN until Kafka has first answered.
 */
@Component("kafka")
class KafkaHealth implements HealthIndicator {

    private final KafkaState kafka;

    KafkaHealth(KafkaState kafka) {
        this.kafka = kafka;
    }

    @Override
    public Health health() {
        KafkaState.Snapshot known = kafka.snapshot();
        Health.Builder health = known.state() == KafkaState.State.UP ? Health.up() : Health.down();
        if (known.brokers() > 0) {
            health.withDetail("brokers", known.brokers());
        }
        if (!known.error().isEmpty()) {
            health.withDetail("error", known.error());
        }
        if (known.checkedAt() > 0) {
            health.withDetail("knownForMs", Math.max(0, System.currentTimeMillis() - known.checkedAt()));
        }
        return health.build();
    }
}
