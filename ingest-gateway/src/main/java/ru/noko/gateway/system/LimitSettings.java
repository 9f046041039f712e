package ru.noko.gateway.system;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on what a respondent may send.
 *
 * @param maxBody largest request body accepted; larger ones get 413 before they are read
 * @param clockSkew how far in the future a client's submittedAt may be, for devices whose clocks run fast
 * @param maxInFlight responses that may wait for Kafka's acknowledgement at once; beyond it, 503 at once
 */
@Validated
@ConfigurationProperties("noko.limits")
public record LimitSettings(
        @NotNull DataSize maxBody,
        @NotNull Duration clockSkew,
        @Min(1) int maxInFlight) {}
