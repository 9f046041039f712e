package ru.noko.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade and its rollback (deploy/ops/upgrade.sh, deploy/ops/rollback.sh) against stand-ins for docker and docker
 * compose that record every call, answer as a running deployment would, and report each recreated container healthy
 * (or one of them never). What is checked is the order a deployment without downtime needs: one gateway at a time,
 * each healthy first; the job stopped with a savepoint and started from it; the rollback from the savepoint the
 * upgrade took; .env naming the release that runs.
 */
class ReleaseScriptsTest {

    private static final String UPGRADE =
            Repository.path("deploy/ops/upgrade.sh").toAbsolutePath().toString();
    private static final String ROLLBACK =
            Repository.path("deploy/ops/rollback.sh").toAbsolutePath().toString();
    private static final String SAVEPOINT = "file:/opt/flink/checkpoints/savepoints/savepoint-0123ab-4567cdef";

    @TempDir
    Path deployment;

    private Map<String, String> environment;

    @BeforeEach
    void aDeploymentRunningRelease1() throws Exception {
        Files.writeString(deployment.resolve(".env"), "NOKO_PSEUDONYM_KEY=x\nNOKO_RELEASE=1.0.0\n");
        Path compose = Bash.executable(deployment, "compose", """
                echo "NOKO_RELEASE=${NOKO_RELEASE:-} NOKO_RESTORE_SAVEPOINT=${NOKO_RESTORE_SAVEPOINT:-} $*" >>calls.log
                case "$*" in
                  "ps -q "*) echo "container-$3" ;;
                  "exec -T jobmanager flink list -r")
                    echo "Waiting for response..."
                    echo "06.12.2026 05:00:00 : 0123456789abcdef0123456789abcdef : noko pipeline (RUNNING)" ;;
                  "exec -T jobmanager flink stop "*)
                    echo "Suspending job \\"0123456789abcdef0123456789abcdef\\" with a CANONICAL savepoint."
                    echo "Savepoint completed. Path: %s" ;;
                esac
                """.formatted(SAVEPOINT));
        Path docker = Bash.executable(deployment, "docker", """
                echo "docker $*" >>calls.log
                case "$1" in
                  image) case "$3" in *:2.0.0|*:1.0.0) exit 0 ;; *) exit 1 ;; esac ;;
                  inspect) if [ "${UNHEALTHY:-}" = "${@: -1}" ]; then echo starting; else echo healthy; fi ;;
                esac
                """);
        environment =
                new HashMap<>(Map.of("COMPOSE", compose.toString(), "DOCKER", docker.toString(), "NOKO_OPS_WAIT", "3"));
    }

    @Test
    void anUpgradeRollsTheGatewaysOneAtATimeAndStartsTheJobFromItsSavepoint() throws Exception {
        Bash.Run upgrade = Bash.run(deployment, environment, UPGRADE, "2.0.0");

        assertThat(upgrade.exitCode()).as(upgrade.output()).isZero();
        List<String> calls = calls();
        assertThat(calls)
                .containsSubsequence(
                        "NOKO_RELEASE=2.0.0 NOKO_RESTORE_SAVEPOINT= up -d --no-deps gateway-1",
                        "docker inspect --format {{.State.Health.Status}} container-gateway-1",
                        "NOKO_RELEASE=2.0.0 NOKO_RESTORE_SAVEPOINT= up -d --no-deps gateway-2",
                        "docker inspect --format {{.State.Health.Status}} container-gateway-2",
                        "NOKO_RELEASE= NOKO_RESTORE_SAVEPOINT= exec -T jobmanager flink stop --type canonical"
                                + " --savepointPath file:///opt/flink/checkpoints/savepoints"
                                + " 0123456789abcdef0123456789abcdef",
                        "NOKO_RELEASE=2.0.0 NOKO_RESTORE_SAVEPOINT=" + SAVEPOINT
                                + " up -d --no-deps taskmanager jobmanager",
                        "docker inspect --format {{.State.Health.Status}} container-jobmanager",
                        "NOKO_RELEASE=2.0.0 NOKO_RESTORE_SAVEPOINT= up -d --no-deps portal");
        assertThat(calls).noneMatch(call -> call.contains("--drain"));
        assertThat(Files.readString(deployment.resolve(".env")))
                .contains("NOKO_RELEASE=2.0.0\n")
                .doesNotContain("NOKO_RELEASE=1.0.0");
        assertThat(Files.readString(deployment.resolve(".noko-releases")))
                .contains(" upgrade 1.0.0 2.0.0 " + SAVEPOINT);
    }

    @Test
    void aGatewayThatDoesNotComeBackStopsTheUpgradeBeforeTheOtherIsTouched() throws Exception {
        environment.put("UNHEALTHY", "container-gateway-1");

        Bash.Run upgrade = Bash.run(deployment, environment, UPGRADE, "2.0.0");

        assertThat(upgrade.exitCode()).isNotZero();
        assertThat(upgrade.output()).contains("gateway-1 is not healthy");
        assertThat(calls()).noneMatch(call -> call.contains("gateway-2") || call.contains("flink stop"));
        assertThat(Files.readString(deployment.resolve(".env"))).contains("NOKO_RELEASE=1.0.0");
    }

    @Test
    void anUpgradeToImagesNotBuiltChangesNothing() throws Exception {
        Bash.Run upgrade = Bash.run(deployment, environment, UPGRADE, "3.0.0");

        assertThat(upgrade.exitCode()).isNotZero();
        assertThat(upgrade.output()).contains("no image noko/ingest-gateway:3.0.0");
        assertThat(calls()).noneMatch(call -> call.contains(" up "));
    }

    @Test
    void aRollbackGoesBackToThePreviousReleaseFromTheSavepointTheUpgradeTook() throws Exception {
        assertThat(Bash.run(deployment, environment, UPGRADE, "2.0.0").exitCode())
                .isZero();
        Files.delete(deployment.resolve("calls.log"));

        Bash.Run rollback = Bash.run(deployment, environment, ROLLBACK);

        assertThat(rollback.exitCode()).as(rollback.output()).isZero();
        assertThat(calls())
                .containsSubsequence(
                        "NOKO_RELEASE=1.0.0 NOKO_RESTORE_SAVEPOINT= up -d --no-deps gateway-1",
                        "NOKO_RELEASE=1.0.0 NOKO_RESTORE_SAVEPOINT= up -d --no-deps gateway-2",
                        // The savepoint started 2.0.0 once and says so; it is to start 1.0.0 now.
                        "NOKO_RELEASE= NOKO_RESTORE_SAVEPOINT= exec -T jobmanager rm -f"
                                + " /opt/flink/checkpoints/savepoints/savepoint-0123ab-4567cdef/.noko-restored",
                        "NOKO_RELEASE=1.0.0 NOKO_RESTORE_SAVEPOINT=" + SAVEPOINT
                                + " up -d --no-deps taskmanager jobmanager",
                        "NOKO_RELEASE=1.0.0 NOKO_RESTORE_SAVEPOINT= up -d --no-deps grafana");
        assertThat(Files.readString(deployment.resolve(".env"))).contains("NOKO_RELEASE=1.0.0\n");
        assertThat(Files.readString(deployment.resolve(".noko-releases"))).contains(" rollback 2.0.0 1.0.0 ");
    }

    private List<String> calls() throws Exception {
        return Files.readAllLines(deployment.resolve("calls.log"));
    }
}
