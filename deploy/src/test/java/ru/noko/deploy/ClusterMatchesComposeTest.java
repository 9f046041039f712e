package ru.noko.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.kafka.KafkaCluster;
import ru.noko.local.cluster.ClusterPrometheus;
import ru.noko.local.cluster.ComposeFlinkProperties;

/**
 * The cluster run (./noko run --cluster, ClusterFaultsTest) and docker-compose.yml run the same settings, so that the
 * faults the cluster survives are the deployment's: its brokers are the three-node variant docker-compose.yml
 * describes, its Flink configuration is the compose block itself (ClusterFaultsTest checks that only addresses and
 * memory are set otherwise), its proxy is deploy/nginx/nginx.conf (ShippedProxy changes addresses only), and its
 * Prometheus deploy/prometheus/prometheus.yml with its rules (ClusterPrometheus changes targets only).
 */
class ClusterMatchesComposeTest {

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void theClustersBrokersRunTheThreeNodeVariantOfTheComposeFile() {
        Map<String, String> variant = threeNodeVariant();
        Map<String, String> broker = compose.environment("kafka");
        KafkaCluster.DEPLOYMENT_SETTINGS.forEach((property, value) -> {
            String variable = KafkaCluster.composeVariable(property);
            String written = variant.containsKey(variable)
                    ? variant.get(variable)
                    : Interpolation.withDefaults(broker.getOrDefault(variable, ""));
            assertThat(written)
                    .as(property + " (" + variable
                            + ") in docker-compose.yml's three-node variant or its kafka service")
                    .isEqualTo(value);
        });
        assertThat(variant)
                .as("the variant's replication settings are the cluster's")
                .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", String.valueOf(KafkaCluster.MIN_INSYNC_REPLICAS))
                .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", String.valueOf(KafkaCluster.REPLICATION_FACTOR));
    }

    @Test
    void theClustersFlinkConfigurationIsTheComposeBlock() {
        Map<String, String> block = ComposeFlinkProperties.read(Repository.path("docker-compose.yml"));
        assertThat(block).isEqualTo(compose.flinkProperties("jobmanager"));
        assertThat(block).containsKeys("taskmanager.numberOfTaskSlots", "parallelism.default", "restart-strategy.type");
    }

    @Test
    void theClustersPrometheusRunsTheShippedFileWithOnlyItsTargetsChangedAndPromtoolTakesIt() throws Exception {
        String shipped = Repository.text("deploy/prometheus/prometheus.yml");
        ClusterPrometheus.Rendered rendered = ClusterPrometheus.onLoopback(
                shipped,
                Map.of(
                        "gateway", List.of("127.0.0.1:18080", "127.0.0.1:18081"),
                        "flink-taskmanager", List.of("127.0.0.1:19249", "127.0.0.1:19250")));
        Map<String, Object> server = yaml(shipped);
        Map<String, Object> local = yaml(rendered.yaml());

        assertThat(local.get("global")).isEqualTo(server.get("global"));
        assertThat(local.get("rule_files")).isEqualTo(server.get("rule_files"));
        assertThat(local).as("no Alertmanager in the cluster").doesNotContainKey("alerting");
        assertThat(rendered.jobs()).containsExactly("gateway", "flink-taskmanager");
        assertThat(rendered.leftOut()).contains("prometheus", "kafka", "clickhouse", "node", "alertmanager");
        for (Map<String, Object> job : jobs(local)) {
            Map<String, Object> original = jobs(server).stream()
                    .filter(j -> j.get("job_name").equals(job.get("job_name")))
                    .findFirst()
                    .orElseThrow();
            Map<String, Object> rest = new TreeMap<>(job);
            Map<String, Object> originalRest = new TreeMap<>(original);
            for (String targets : List.of("static_configs", "dns_sd_configs")) {
                rest.remove(targets);
                originalRest.remove(targets);
            }
            assertThat(rest).as(job.get("job_name") + ": all but its targets").isEqualTo(originalRest);
        }
        assertThat(rendered.yaml()).contains("127.0.0.1:19250").doesNotContain("taskmanager:9249");

        Path folder = Files.createTempDirectory("cluster-prometheus");
        Files.writeString(folder.resolve("prometheus.yml"), rendered.yaml());
        Files.copy(Repository.path("deploy/prometheus/alerts.yml"), folder.resolve("alerts.yml"));
        Process promtool = new ProcessBuilder(
                        "promtool",
                        "check",
                        "config",
                        folder.resolve("prometheus.yml").toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(promtool.getInputStream().readAllBytes());
        assertThat(promtool.waitFor()).as(output).isZero();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String text) throws Exception {
        return new ObjectMapper(new YAMLFactory()).readValue(text, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> jobs(Map<String, Object> config) {
        return (List<Map<String, Object>>) config.get("scrape_configs");
    }

    /** The commented three-node variant above the kafka service: "#     KAFKA_X: value" lines. */
    private static Map<String, String> threeNodeVariant() {
        Matcher line = Pattern.compile("(?m)^\\s*#\\s+(KAFKA_[A-Z_]+): ([^\\s|]+)\\s*$")
                .matcher(Repository.text("docker-compose.yml"));
        Map<String, String> variant = new TreeMap<>();
        while (line.find()) {
            variant.put(line.group(1), line.group(2));
        }
        assertThat(variant)
                .as("docker-compose.yml describes the three-node variant")
                .isNotEmpty();
        return variant;
    }
}
