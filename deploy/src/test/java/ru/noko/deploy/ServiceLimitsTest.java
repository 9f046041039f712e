package ru.noko.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.MemorySize;
import org.junit.jupiter.api.Test;

/**
 * Every container of the server deployment has a memory limit that holds what its process is configured to take (a
 * JVM's heap and the rest, Flink's whole process), so that Docker's limit, not the server running out, stops a runaway
 * service; and docker stop waits as long as a service takes to finish what it has taken.
 */
class ServiceLimitsTest {

    /** A JVM needs room beyond its heap: metaspace, code, threads, direct buffers. */
    private static final double JVM_MARGIN = 1.5;

    private static final Pattern HEAP = Pattern.compile("-Xmx(\\d+[kKmMgG])");

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void everyServiceHasAMemoryLimit() {
        for (String service : compose.serviceNames()) {
            assertThat(limit(service)).as(service + " mem_limit").isPresent();
        }
    }

    @Test
    void eachJvmsLimitHoldsItsHeapWithRoomForTheRest() {
        Map<String, String> javaOptions = Map.of(
                "gateway-1", "ingest-gateway/Dockerfile",
                "gateway-2", "ingest-gateway/Dockerfile",
                "portal", "portal/Dockerfile",
                "exporter", "export/Dockerfile");
        javaOptions.forEach((service, dockerfile) -> {
            Matcher options = Pattern.compile("(?m)^ENV JAVA_OPTS=\"([^\"]*)\"").matcher(Repository.text(dockerfile));
            assertThat(options.find()).as(dockerfile + " JAVA_OPTS").isTrue();
            assertHolds(service, heap(options.group(1)));
        });
        for (String kafka : compose.kafkaServices()) {
            // Kafka's scripts give the broker a 1g heap unless told: each service says its own.
            String options = compose.variable(kafka, "KAFKA_HEAP_OPTS").orElseThrow();
            assertHolds(kafka, heap(options));
        }
    }

    @Test
    void eachFlinkContainersLimitHoldsFlinksWholeProcess() {
        for (var process : Map.of(
                        "jobmanager", "jobmanager.memory.process.size",
                        "taskmanager", "taskmanager.memory.process.size")
                .entrySet()) {
            MemorySize size =
                    MemorySize.parse(compose.flinkProperties(process.getKey()).get(process.getValue()));
            assertThat(limit(process.getKey()).orElseThrow())
                    .as(process.getKey() + " holds its " + process.getValue())
                    .isGreaterThanOrEqualTo(size.getBytes());
        }
    }

    @Test
    void dockerStopWaitsForTheGatewaysDrainAndThePortalsRequests() {
        Duration drain = Duration.parse("PT"
                + CodeSettings.gatewayDefault("spring.lifecycle.timeout-per-shutdown-phase")
                        .toUpperCase());
        for (String gateway : compose.servicesRunningImageOf("ingest-gateway/Dockerfile")) {
            assertThat(grace(gateway))
                    .as(gateway + " stop_grace_period covers the drain of " + drain)
                    .isGreaterThan(drain);
        }
        // Spring's default phase is 30 s for the portal's graceful shutdown.
        assertThat(CodeSettings.portalProperties().get("server.shutdown")).isEqualTo("graceful");
        assertThat(grace("portal")).isGreaterThan(Duration.ofSeconds(30));
    }

    private void assertHolds(String service, long heap) {
        assertThat(limit(service).orElseThrow())
                .as(service + " holds a heap of " + heap + " bytes and the rest of its JVM")
                .isGreaterThanOrEqualTo((long) (heap * JVM_MARGIN));
    }

    private static long heap(String options) {
        Matcher heap = HEAP.matcher(options);
        assertThat(heap.find()).as("a heap in " + options).isTrue();
        return MemorySize.parse(heap.group(1)).getBytes();
    }

    private Optional<Long> limit(String service) {
        String limit = compose.service(service).path("mem_limit").asText();
        return limit.isEmpty()
                ? Optional.empty()
                : Optional.of(
                        MemorySize.parse(Interpolation.withDefaults(limit)).getBytes());
    }

    private Duration grace(String service) {
        String text = compose.service(service).path("stop_grace_period").asText();
        assertThat(text)
                .as(service + " stop_grace_period")
                .matches("(\\d+m)?(\\d+s)?")
                .isNotEmpty();
        return Duration.parse("PT" + text.toUpperCase());
    }
}
