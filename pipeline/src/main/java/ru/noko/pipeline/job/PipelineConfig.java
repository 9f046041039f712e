package ru.noko.pipeline.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ru.noko.schemas.clickhouse.ClickHouseTarget;
import ru.noko.schemas.privacy.Pseudonymizer;
import ru.noko.schemas.settings.EnvironmentSettings;

/**
 * Everything the response ingest job can be told, parsed once from environment variables at start-up; a bad value
 * stops the start-up with the variable's name. The variables, their defaults and meanings are listed for people in one
 * place, docs/configuration.md; {@code fromEnvironment} below is where they are read.
 */
public record PipelineConfig(
        String kafkaBootstrapServers,
        String responsesTopic,
        String sessionsTopic,
        String selfAssessmentsTopic,
        String organizationsTopic,
        String verdictCorrectionsTopic,
        String campaignsTopic,
        String consumerGroup,
        ClickHouseTarget clickHouse,
        Duration checkpointInterval,
        String checkpointDirectory,
        String stateBackend,
        Duration maxOutOfOrderness,
        Duration sourceIdleness,
        Duration quietCatchUp,
        int sinkBatchSize,
        Duration sinkFlushInterval,
        Duration liveFlushInterval,
        int parallelism,
        String pseudonymKey,
        Optional<Path> campaignsFolder) {

    public PipelineConfig {
        new Pseudonymizer(pseudonymKey); // fails fast on a missing or short key
        if (quietCatchUp.isNegative()) {
            throw new IllegalArgumentException("NOKO_QUIET_CATCH_UP must not be negative (0s switches it off)");
        }
        if (!STATE_BACKENDS.contains(stateBackend)) {
            throw new IllegalArgumentException(
                    "NOKO_STATE_BACKEND must be one of " + STATE_BACKENDS + ", not '" + stateBackend + "'");
        }
        if (sinkBatchSize < 1) {
            throw new IllegalArgumentException("NOKO_SINK_BATCH_SIZE must be at least 1");
        }
    }

    /**
     * Where keyed state lives: {@code hashmap} on the task manager's heap (the local run's default), {@code rocksdb} in
     * RocksDB on local disk with incremental checkpoints (RELIABILITY.md, "Scale", measures both).
     */
    public static final List<String> STATE_BACKENDS = List.of("hashmap", "rocksdb");

    /**
     * How far behind its partition's newest receipt a response may arrive and still be judged in receipt order. The
     * cluster's disorder under every fault RELIABILITY.md injects was p99.9 16 ms and at most 1,046 ms (one response in
     * 9,521, while sends waited for a new partition leader): 1 s covers it, and every figure follows the bound, so it
     * is what a verdict and a live figure wait at least. A response later than that is judged on arrival, listed in
     * {@code late_responses}, and judged again in order by the re-check.
     */
    public static final String DEFAULT_OUT_OF_ORDERNESS = "1s";

    public static PipelineConfig fromEnvironment(Map<String, String> environment) {
        EnvironmentSettings env = new EnvironmentSettings(environment);
        return new PipelineConfig(
                env.text("NOKO_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
                env.text("NOKO_RESPONSES_TOPIC", "noko.survey-responses"),
                env.text("NOKO_SESSIONS_TOPIC", "noko.organized-sessions"),
                env.text("NOKO_SELF_ASSESSMENTS_TOPIC", "noko.self-assessments"),
                env.text("NOKO_ORGANIZATIONS_TOPIC", "noko.organizations"),
                env.text("NOKO_VERDICT_CORRECTIONS_TOPIC", "noko.verdict-corrections"),
                env.text("NOKO_CAMPAIGNS_TOPIC", "noko.campaigns"),
                env.text("NOKO_CONSUMER_GROUP", "noko-response-ingest"),
                ClickHouseTarget.fromEnvironment(env),
                env.value("NOKO_CHECKPOINT_INTERVAL", "10s", EnvironmentSettings::duration),
                env.text("NOKO_CHECKPOINT_DIR", "file:///tmp/noko/checkpoints"),
                env.text("NOKO_STATE_BACKEND", "hashmap"),
                env.value("NOKO_MAX_OUT_OF_ORDERNESS", DEFAULT_OUT_OF_ORDERNESS, EnvironmentSettings::duration),
                env.value("NOKO_SOURCE_IDLENESS", "10s", EnvironmentSettings::duration),
                // A quiet partition keeps the distance from the clock that a busy one keeps from its newest
                // response: the lateness bound is the same either way, and a lone response waits no longer.
                env.value(
                        "NOKO_QUIET_CATCH_UP",
                        env.text("NOKO_MAX_OUT_OF_ORDERNESS", DEFAULT_OUT_OF_ORDERNESS),
                        EnvironmentSettings::duration),
                // Large, rare inserts into the tables nobody waits for (the raw rows above all): every insert is a
                // part on the server, and every part is written file by file and merged again (BENCHMARKS.md: 20,000
                // rows every 2 s left the job an eighth slower). The live tables flush sooner; dashboards refresh
                // every minute.
                env.value("NOKO_SINK_BATCH_SIZE", "100000", Integer::parseInt),
                env.value("NOKO_SINK_FLUSH_INTERVAL", "5s", EnvironmentSettings::duration),
                env.value("NOKO_LIVE_FLUSH_INTERVAL", "250ms", EnvironmentSettings::duration),
                env.value("NOKO_PARALLELISM", "-1", Integer::parseInt),
                env.text(Pseudonymizer.KEY_VARIABLE, ""),
                Optional.of(env.text("NOKO_CAMPAIGNS_DIR", ""))
                        .filter(folder -> !folder.isEmpty())
                        .map(Path::of));
    }

    /** The same settings with some variables overridden, for tests and the local run. */
    public static PipelineConfig fromEnvironment(Map<String, String> environment, Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(environment);
        merged.putAll(overrides);
        return fromEnvironment(merged);
    }

    /** The folder of extra campaign files as the operators take it: empty for the bundled campaigns only. */
    public String campaignsFolderOrEmpty() {
        return campaignsFolder.map(Path::toString).orElse("");
    }

    @Override
    public String toString() {
        // Logged at start-up: no secrets.
        return "PipelineConfig[kafka=" + kafkaBootstrapServers + ", topics=" + responsesTopic + ", " + sessionsTopic
                + ", " + selfAssessmentsTopic + ", " + organizationsTopic + ", " + verdictCorrectionsTopic + ", "
                + campaignsTopic
                + ", group=" + consumerGroup
                + ", clickHouse=" + clickHouse + ", state in " + stateBackend + ", checkpoints every "
                + checkpointInterval
                + " to " + checkpointDirectory
                + ", outOfOrderness=" + maxOutOfOrderness + ", idleness=" + sourceIdleness + ", catch-up when quiet="
                + quietCatchUp + ", sink batch "
                + sinkBatchSize + " / " + sinkFlushInterval + " (verdicts and live figures " + liveFlushInterval
                + "), parallelism=" + parallelism + "]";
    }
}
