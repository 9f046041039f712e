package ru.noko.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.noko.schemas.clickhouse.ClickHouseTarget;
import ru.noko.schemas.settings.EnvironmentSettings;

class PipelineConfigTest {

    private static final String KEY = "test-key-0123456789-0123456789-0123456789";

    @Test
    void aQuietPartitionCatchesUpWithinTheOutOfOrdernessBoundByDefault() {
        assertThat(config(Map.of()).maxOutOfOrderness()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config(Map.of()).quietCatchUp()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config(Map.of("NOKO_MAX_OUT_OF_ORDERNESS", "30s")).quietCatchUp())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(config(Map.of("NOKO_MAX_OUT_OF_ORDERNESS", "30s", "NOKO_QUIET_CATCH_UP", "0s"))
                        .quietCatchUp())
                .isZero();
        assertThat(config(Map.of()).sourceIdleness()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theJobFindsClickHouseWhereEveryCommandLooksByDefaultAndWhereTheVariablesSay() {
        assertThat(config(Map.of()).clickHouse())
                .isEqualTo(ClickHouseTarget.fromEnvironment(new EnvironmentSettings(Map.of())))
                .extracting(ClickHouseTarget::port)
                .isEqualTo(ClickHouseTarget.DEFAULT_PORT);
        assertThat(config(Map.of(
                                "NOKO_CLICKHOUSE_HOST", "clickhouse",
                                "NOKO_CLICKHOUSE_PORT", "9000",
                                "NOKO_CLICKHOUSE_PASSWORD", "secret"))
                        .clickHouse())
                .isEqualTo(new ClickHouseTarget("clickhouse", 9000, "noko", "default", "secret"));
        assertThatThrownBy(() -> config(Map.of("NOKO_CLICKHOUSE_PORT", "ninety")))
                .hasMessageContaining("NOKO_CLICKHOUSE_PORT");
    }

    @Test
    void aBadValueStopsTheStartUpWithTheVariablesName() {
        assertThatThrownBy(() -> config(Map.of("NOKO_QUIET_CATCH_UP", "soon")))
                .hasMessageContaining("NOKO_QUIET_CATCH_UP");
        assertThatThrownBy(() -> config(Map.of("NOKO_QUIET_CATCH_UP", "-1s")))
                .hasMessageContaining("NOKO_QUIET_CATCH_UP");
    }

    private static PipelineConfig config(Map<String, String> variables) {
        Map<String, String> environment = new HashMap<>(variables);
        environment.put("NOKO_PSEUDONYM_KEY", KEY);
        return PipelineConfig.fromEnvironment(environment);
    }
}
