package ru.noko.gateway.system;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where responses go and how long the gateway waits for the broker.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param responsesTopic topic of survey responses, keyed by organization id
 * @param sessionsTopic topic of registered organized sessions, read while the rate limit is on
 * @param organizationsTopic the registry of organizations (JSON), read whole at start for the survey pages
 * @param campaignsTopic the campaigns (their files' text), read whole at start and followed: new ones take effect
 * @param deliveryTimeout how long a response may wait for the broker's acknowledgement before the respondent is told
 *     to retry (503); bounds the request time while Kafka is down
 * @param retryAfter what the 503 answer's Retry-After header suggests
 * @param linger how long the producer waits to fill a batch; every respondent waits for it too
 * @param batchSize largest batch per partition
 * @param compression the producer's compression: none, lz4, zstd, …
 */
@Validated
@ConfigurationProperties("noko.kafka")
public record KafkaSettings(
        @NotBlank String bootstrapServers,
        @NotBlank String responsesTopic,
        @NotBlank String sessionsTopic,
        @NotBlank String organizationsTopic,
        @NotBlank String campaignsTopic,
        @NotNull Duration deliveryTimeout,
        @NotNull Duration retryAfter,
        @NotNull Duration linger,
        @NotNull DataSize batchSize,
        @NotBlank String compression) {}
