package ru.noko.gateway.system;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where responses go and how long the gateway waits for the broker.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param responsesTopic topic of survey responses, keyed by organization id
 * @param deliveryTimeout how long a response may wait for the broker's acknowledgement before the respondent is told
 *     to retry (503); bounds the request time while Kafka is down
 * @param retryAfter what the 503 answer's Retry-After header suggests
 */
@Validated
@ConfigurationProperties("noko.kafka")
public record KafkaSettings(
        @NotBlank String bootstrapServers,
        @NotBlank String responsesTopic,
        @NotNull Duration deliveryTimeout,
        @NotNull Duration retryAfter) {}
