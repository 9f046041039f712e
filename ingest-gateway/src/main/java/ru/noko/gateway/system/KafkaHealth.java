package ru.noko.gateway.system;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the Kafka cluster answers: part of readiness (an instance that cannot store responses should get none),
 * never of liveness (restarting the gateway does not bring Kafka back).
 */
@Component("kafka")
class KafkaHealth implements HealthIndicator, AutoCloseable {

    private static final int TIMEOUT_MS = 2000;

    private final Admin admin;

    KafkaHealth(KafkaSettings kafka) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                TIMEOUT_MS,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "noko-ingest-gateway-health"));
    }

    @Override
    public Health health() {
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                    .nodes()
                    .get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS)
                    .size();
            return Health.up().withDetail("brokers", brokers).build();
        } catch (Exception e) {
            return Health.down()
                    .withDetail(
                            "error", "Kafka does not answer: " + e.getClass().getSimpleName())
                    .build();
        }
    }

    /**
     * The same question as {@link #health()}, without waiting for the answer: completes with whether Kafka answered
     * (false after the same timeout). {@link ReadinessGauge} asks it on every scrape.
     */
    CompletionStage<Boolean> answersLater() {
        return admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                .nodes()
                .toCompletionStage()
                .handle((nodes, error) -> error == null);
    }

    @Override
    public void close() {
        admin.close();
    }
}
