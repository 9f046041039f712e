package ru.noko.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job manager's start script (pipeline/docker/start-job.sh) resumes the job from the right snapshot on the
 * checkpoint volume: after an upgrade's stop with a savepoint, that savepoint; after a crash, the newest checkpoint;
 * on a rollback, the savepoint the operator names, once. Flink's own start is a stand-in that prints what it was given.
 */
class JobStartScriptTest {

    private static final String SCRIPT =
            Repository.path("pipeline/docker/start-job.sh").toAbsolutePath().toString();

    @TempDir
    Path folder;

    private Path checkpoints;
    private Path flinkHome;

    @BeforeEach
    void aCheckpointVolumeAndAStandInFlink() throws Exception {
        checkpoints = Files.createDirectories(folder.resolve("checkpoints"));
        flinkHome = folder.resolve("flink");
        Files.createDirectories(flinkHome.resolve("bin"));
        Bash.executable(flinkHome.resolve("bin"), "standalone-job.sh", "echo \"flink $*\"\n");
    }

    @Test
    void anEmptyVolumeStartsTheJobAfresh() throws Exception {
        assertThat(start(Map.of()).output())
                .contains("starting ru.noko.pipeline.job.ResponseIngestJob afresh")
                .doesNotContain("--fromSavepoint");
    }

    @Test
    void afterACrashTheNewestCompletedCheckpointIsTaken() throws Exception {
        snapshot("3f2a/chk-7", 100);
        snapshot("3f2a/chk-8", 200);
        Files.createDirectories(checkpoints.resolve("3f2a/chk-9")); // under way when the process died: no _metadata

        assertThat(start(Map.of()).output()).contains("--fromSavepoint " + checkpoints.resolve("3f2a/chk-8"));
    }

    @Test
    void afterAnUpgradesStopTheSavepointIsTakenNotAnOlderCheckpoint() throws Exception {
        snapshot("3f2a/chk-8", 100);
        snapshot("savepoints/savepoint-3f2a-0123", 200);

        assertThat(start(Map.of()).output())
                .contains("--fromSavepoint " + checkpoints.resolve("savepoints/savepoint-3f2a-0123"));
    }

    @Test
    void aNamedSavepointStartsTheJobOnceAndLaterRestartsResumeFromNewerCheckpoints() throws Exception {
        Path before = snapshot("savepoints/savepoint-3f2a-0123", 100);
        snapshot("3f2a/chk-30", 200); // the release rolled back from checkpointed past it
        Map<String, String> rollback = Map.of("NOKO_RESTORE_SAVEPOINT", "file:" + before); // as Flink prints it

        assertThat(start(rollback).output()).contains("--fromSavepoint " + before);
        assertThat(before.resolve(".noko-restored")).isRegularFile();

        snapshot("9c1d/chk-1", 300); // the rolled-back job checkpoints, then its container restarts
        assertThat(start(rollback).output())
                .contains("was restored before")
                .contains("--fromSavepoint " + checkpoints.resolve("9c1d/chk-1"));
    }

    @Test
    void aNamedSavepointThatNeverCompletedStopsTheStart() throws Exception {
        Files.createDirectories(checkpoints.resolve("savepoints/savepoint-3f2a-broken"));
        snapshot("3f2a/chk-8", 100);

        Bash.Run run = start(
                Map.of("NOKO_RESTORE_SAVEPOINT", "file://" + checkpoints.resolve("savepoints/savepoint-3f2a-broken")));

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("is not a completed savepoint").doesNotContain("flink ");
    }

    private Bash.Run start(Map<String, String> environment) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(environment);
        all.put("NOKO_CHECKPOINT_DIR", "file://" + checkpoints);
        all.put("FLINK_HOME", flinkHome.toString());
        return Bash.run(folder, all, SCRIPT);
    }

    /** A completed snapshot: its _metadata written, at a time in seconds past a fixed instant. */
    private Path snapshot(String path, int second) throws Exception {
        Path directory = Files.createDirectories(checkpoints.resolve(path));
        Path metadata = Files.writeString(directory.resolve("_metadata"), "metadata");
        Files.setLastModifiedTime(
                metadata, FileTime.from(Instant.parse("2026-12-01T00:00:00Z").plusSeconds(second)));
        return directory;
    }
}
