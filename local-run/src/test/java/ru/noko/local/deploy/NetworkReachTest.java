package ru.noko.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Who can reach whom in the server deployment. Only nginx faces the network; it shares a network with the services it
 * forwards to and nothing else. The Flink job manager, whose REST API cancels the job and takes savepoints without
 * asking for a password, shares a network only with the pipeline's own parts and Prometheus, and is published on the
 * server's loopback: no gateway, portal, proxy or Grafana can reach it, whatever a hostile request makes them do.
 */
class NetworkReachTest {

    private static final String PROXY = "proxy";
    private static final String JOB_MANAGER = "jobmanager";

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void everyServiceNamesItsNetworksAndEachIsDeclared() {
        Set<String> declared = new TreeSet<>();
        compose.root().path("networks").fieldNames().forEachRemaining(declared::add);
        for (String service : compose.serviceNames()) {
            assertThat(networks(service))
                    .as(service + " names its networks (none joins Compose's default)")
                    .isNotEmpty()
                    .isSubsetOf(declared);
        }
    }

    @Test
    void theProxyReachesOnlyWhatItForwardsTo() {
        assertThat(reachableFrom(PROXY)).containsExactlyInAnyOrder("gateway-1", "gateway-2", "portal", "grafana");
    }

    @Test
    void onlyThePipelinesOwnPartsAndPrometheusReachTheJobManager() {
        assertThat(reachableFrom(JOB_MANAGER))
                .containsExactlyInAnyOrder("taskmanager", "kafka", "clickhouse", "prometheus");
        for (String facing : List.of(PROXY, "gateway-1", "gateway-2", "portal", "grafana", "exporter")) {
            assertThat(reachableFrom(facing)).as(facing).doesNotContain(JOB_MANAGER);
        }
        assertThat(compose.service(JOB_MANAGER).path("ports"))
                .isNotEmpty()
                .allSatisfy(port ->
                        assertThat(Interpolation.withDefaults(port.asText())).startsWith("127.0.0.1:"));
    }

    @Test
    void onlyTheProxyIsPublishedBeyondTheServer() {
        for (String service : compose.serviceNames()) {
            if (service.equals(PROXY)) {
                continue;
            }
            for (var port : compose.service(service).path("ports")) {
                assertThat(Interpolation.withDefaults(port.asText()))
                        .as(service + " publishes " + port + " on the server's loopback only")
                        .startsWith("127.0.0.1:");
            }
        }
        assertThat(compose.service("grafana").path("ports"))
                .as("Grafana is reached through the proxy, over TLS")
                .isEmpty();
    }

    /** The other services sharing at least one network with this one. */
    private Set<String> reachableFrom(String service) {
        Set<String> reachable = new TreeSet<>();
        for (String other : compose.serviceNames()) {
            if (!other.equals(service) && networks(other).stream().anyMatch(networks(service)::contains)) {
                reachable.add(other);
            }
        }
        return reachable;
    }

    private Set<String> networks(String service) {
        Set<String> networks = new TreeSet<>();
        var node = compose.service(service).path("networks");
        if (node.isArray()) {
            node.forEach(network -> networks.add(network.asText()));
        } else {
            node.fieldNames().forEachRemaining(networks::add);
        }
        return networks;
    }
}
