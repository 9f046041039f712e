package ru.noko.deploy;

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

    @Test
    void everyServiceReachesTheServicesItsSettingsName() {
        Set<String> services = new TreeSet<>(compose.serviceNames());
        for (String service : compose.serviceNames()) {
            compose.environment(service).forEach((name, value) -> {
                for (String word : value.split("[^A-Za-z0-9-]+")) {
                    if (services.contains(word) && !word.equals(service)) {
                        assertThat(reachableFrom(service))
                                .as(service + " " + name + " names " + word)
                                .contains(word);
                    }
                }
            });
        }
    }

    @Test
    void prometheusReachesEveryTargetItScrapesAndItsAlertmanager() {
        String prometheus = Repository.text("deploy/prometheus/prometheus.yml");
        java.util.regex.Matcher target =
                java.util.regex.Pattern.compile("\"([a-z0-9-]+):\\d+\"").matcher(prometheus);
        Set<String> hosts = new TreeSet<>();
        while (target.find()) {
            hosts.add(target.group(1));
        }
        java.util.regex.Matcher names =
                java.util.regex.Pattern.compile("names: \\[\"([a-z0-9-]+)\"]").matcher(prometheus);
        while (names.find()) {
            hosts.add(names.group(1));
        }
        hosts.remove("localhost");
        assertThat(hosts).contains("gateway-1", "jobmanager", "taskmanager", "kafka", "clickhouse", "alertmanager");
        assertThat(reachableFrom("prometheus")).containsAll(hosts);
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
