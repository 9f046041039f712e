package ru.noko.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineConfigTest {

    private static final String KEY = "test-key-0123456789-0123456789-0123456789";

    @Test
    void aQuietPartitionCatchesUpWithinTheOutOfOrdernessBoundByDefault() {
        assertThat(config(Map.of()).quietCatchUp()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config(Map.of("NOKO_MAX_OUT_OF_ORDERNESS", "30s")).quietCatchUp())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(config(Map.of("NOKO_MAX_OUT_OF_ORDERNESS", "30s", "NOKO_QUIET_CATCH_UP", "0s"))
                        .quietCatchUp())
                .isZero();
        assertThat(config(Map.of()).sourceIdleness()).isEqualTo(Duration.ofSeconds(10));
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
