package ru.noko.gateway.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * What an operator watches, on {@code /actuator/prometheus}: answers by status with a latency histogram, responses
 * accepted, refused by rule, answered 503 by reason, resubmissions, Kafka send errors and the responses in flight.
 * Meters are looked up once and kept, so a request costs a map lookup and an increment.
 */
@Component
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter resubmitted;
    private final Counter unanswered;
    private final Counter sendErrors;
    private final Map<Integer, Timer> answers = new ConcurrentHashMap<>();
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();
    private final Map<String, Counter> unavailable = new ConcurrentHashMap<>();

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("noko.gateway.responses.accepted")
                .description("Answers 202: responses Kafka acknowledged, and resubmissions given their receipt")
                .register(registry);
        this.resubmitted = Counter.builder("noko.gateway.responses.resubmitted")
                .description("Resubmissions answered with the earlier receipt, not sent again")
                .register(registry);
        this.unanswered = Counter.builder("noko.gateway.responses.unanswered")
                .description("Responses Kafka acknowledged after their client had gone: stored, receipt not delivered")
                .register(registry);
        this.sendErrors = Counter.builder("noko.gateway.kafka.send.errors")
                .description("Sends Kafka did not acknowledge")
                .register(registry);
    }

    /** An answer of this status, {@code nanos} after the request arrived. */
    public void answered(int status, long nanos) {
        answers.computeIfAbsent(
                        status,
                        code -> Timer.builder("noko.gateway.answers")
                                .description("Answers of the survey endpoint by status, with their latency")
                                .tag("status", String.valueOf(code))
                                .publishPercentileHistogram()
                                .minimumExpectedValue(Duration.ofMillis(1))
                                .maximumExpectedValue(Duration.ofSeconds(10))
                                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
        if (status == 202) {
            accepted.increment();
        }
    }

    /** A response refused for breaking {@code rule} (format, required, unknown-campaign, …). */
    public void refused(String rule) {
        refused.computeIfAbsent(
                        rule,
                        name -> Counter.builder("noko.gateway.responses.refused")
                                .description("Responses refused, by the rule they break")
                                .tag("rule", name)
                                .register(registry))
                .increment();
    }

    /** A response not stored for now, and why: kafka, in-flight-full (503), rate-limit (429). */
    public void unavailable(String reason) {
        unavailable
                .computeIfAbsent(
                        reason,
                        name -> Counter.builder("noko.gateway.responses.unavailable")
                                .description(
                                        "Responses not stored for now (503, or 429 from the rate limit), by reason")
                                .tag("reason", name)
                                .register(registry))
                .increment();
    }

    public void resubmitted() {
        resubmitted.increment();
    }

    public void unanswered() {
        unanswered.increment();
    }

    public void sendFailed() {
        sendErrors.increment();
    }

    public void watchInFlight(Supplier<Number> count) {
        Gauge.builder("noko.gateway.kafka.in_flight", count)
                .description("Responses waiting for Kafka's acknowledgement")
                .register(registry);
    }
}
