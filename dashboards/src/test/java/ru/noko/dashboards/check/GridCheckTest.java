package ru.noko.dashboards.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import ru.noko.dashboards.Fixtures;

class GridCheckTest {

    private final Check check = new GridCheck();

    @Test
    void panels_side_by_side_and_rows_across_the_grid_pass() {
        assertThat(Findings.of(check, Fixtures.validWith())).isEmpty();
    }

    @Test
    void overlapping_panels_are_named() {
        assertThat(Findings.of(check, Fixtures.validWith("grid/overlapping-panels.json")))
                .containsExactly("overlapping-panels.json › panel 2 «Организации»: gridPos x 8, y 2, w 16, h 6 overlaps"
                        + " panel 1 «Ответы» at x 0, y 0, w 12, h 6");
    }

    @Test
    void a_panel_past_the_24th_column_is_named() {
        assertThat(Findings.of(check, Fixtures.validWith("grid/outside-the-grid.json")))
                .containsExactly(
                        "outside-the-grid.json › panel 1 «Ответы»: gridPos x 16, y 0, w 12, h 6 is not inside the grid"
                                + " (x ≥ 0, y ≥ 0, w ≥ 1, h ≥ 1, x + w ≤ 24)");
    }

    @Test
    void a_panel_without_a_place_is_named() {
        assertThat(Findings.of(check, Fixtures.validWith("grid/without-grid-position.json")))
                .containsExactly(
                        "without-grid-position.json › panel 1 «Ответы»: has no gridPos with integer x, y, w and h");
    }
}
