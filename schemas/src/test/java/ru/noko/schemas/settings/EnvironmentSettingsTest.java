package ru.noko.schemas.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentSettingsTest {

    private final EnvironmentSettings variables = new EnvironmentSettings(
            Map.of("NOKO_HOST", "  db.local  ", "NOKO_BLANK", "  ", "NOKO_PORT", "9000", "NOKO_BAD_PORT", "nine"));

    @Test
    void aBlankVariableIsAnAbsentOneAndValuesAreStripped() {
        assertThat(variables.text("NOKO_HOST", "127.0.0.1")).isEqualTo("db.local");
        assertThat(variables.text("NOKO_BLANK", "fallback")).isEqualTo("fallback");
        assertThat(variables.text("NOKO_UNSET", "fallback")).isEqualTo("fallback");
    }

    @Test
    void aValueThatDoesNotParseNamesItsVariable() {
        assertThat(variables.integer("NOKO_PORT", 1)).isEqualTo(9000);
        assertThat(variables.integer("NOKO_UNSET", 19000)).isEqualTo(19000);
        assertThatThrownBy(() -> variables.integer("NOKO_BAD_PORT", 1))
                .hasMessageStartingWith("NOKO_BAD_PORT has a bad value 'nine'");
    }

    @Test
    void durationsAreWrittenAsPeopleWriteThemOrInIso8601() {
        assertThat(EnvironmentSettings.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(EnvironmentSettings.duration("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(EnvironmentSettings.duration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(EnvironmentSettings.duration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(EnvironmentSettings.duration("PT10S")).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> EnvironmentSettings.duration("10 days")).hasMessageContaining("500ms, 10s");
    }
}
