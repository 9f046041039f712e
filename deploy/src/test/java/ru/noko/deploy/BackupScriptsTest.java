package ru.noko.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The backup scripts' server mode (deploy/backup, run with --server) names the deployment as docker-compose.yml has
 * it: the services it runs tar in, the volumes it copies, the loopback ports it asks ClickHouse and Flink on, the
 * savepoints' folder. RestoreDrillTest runs the same scripts against the local run; no Docker here runs this mode.
 */
class BackupScriptsTest {

    private final ComposeFile compose = ComposeFile.load();
    private final String scripts = Repository.text("deploy/backup/common.sh")
            + Repository.text("deploy/backup/backup.sh")
            + Repository.text("deploy/backup/restore.sh");

    @Test
    void theFoldersItCopiesAreTheNamedVolumesOfTheServicesItCopiesThemFrom() {
        Map<String, List<String>> copied = Map.of(
                "s3", List.of("/var/lib/versitygw"),
                "portal", List.of("/srv/noko/results", "/var/lib/noko/published-exports"),
                "jobmanager", List.of("/opt/flink/checkpoints"));
        copied.forEach((service, folders) -> {
            assertThat(compose.serviceNames()).contains(service);
            for (String folder : folders) {
                assertThat(scripts).contains(folder);
                assertThat(compose.namedVolumes(service))
                        .as(service + " keeps " + folder + " in a named volume")
                        .containsValue(folder);
            }
        });
        assertThat(scripts).contains("--entrypoint tar s3 -C /var/lib/versitygw");
    }

    @Test
    void itAsksClickHouseAndFlinkOnThePortsTheServerPublishesOnItsLoopback() {
        for (var published : Map.of(
                        "CLICKHOUSE_HTTP_PORT", "clickhouse",
                        "FLINK_UI_PORT", "jobmanager")
                .entrySet()) {
            Matcher fallback = Pattern.compile("env_value " + published.getKey() + " (\\d+)")
                    .matcher(scripts);
            assertThat(fallback.find())
                    .as("the scripts read " + published.getKey())
                    .isTrue();
            assertThat(compose.service(published.getValue()).path("ports").toString())
                    .contains("127.0.0.1:${" + published.getKey() + ":-" + fallback.group(1) + "}:");
        }
    }

    @Test
    void theSavepointGoesWhereTheJobKeepsItsSavepoints() {
        String savepoints = compose.flinkProperties("jobmanager").get("execution.checkpointing.savepoint-dir");
        assertThat(savepoints).isEqualTo("file:///opt/flink/checkpoints/savepoints");
        assertThat(scripts).contains("target=" + savepoints);
        assertThat(Repository.text("deploy/ops/release-steps.sh")).contains("SAVEPOINTS=" + savepoints);
    }
}
