package ru.noko.gateway.system;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The optional per-address rate limit ({@link AddressRateLimit}).
 *
 * @param perMinute responses an address may send per minute, sustained; 0 switches the limit off (the default)
 * @param burst responses an address may send at once: more than a class in a computer room
 */
@Validated
@ConfigurationProperties("noko.rate-limit")
public record RateLimitSettings(
        @Min(0) int perMinute, @Min(1) int burst) {

    public boolean enabled() {
        return perMinute > 0;
    }
}
