package ru.noko.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.kafka.KafkaCluster;
import ru.noko.local.cluster.ComposeFlinkProperties;

/**
 * The cluster run (./noko run --cluster, ClusterFaultsTest) and docker-compose.yml run the same settings, so that the
 * faults the cluster survives are the deployment's: its brokers are the three-node variant docker-compose.yml
 * describes, its Flink configuration is the compose block itself (ClusterFaultsTest checks that only addresses and
 * memory are set otherwise), and its proxy is deploy/nginx/nginx.conf (ShippedProxy changes addresses only).
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
