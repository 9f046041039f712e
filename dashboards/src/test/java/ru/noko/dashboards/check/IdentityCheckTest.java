package ru.noko.dashboards.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import ru.noko.dashboards.Fixtures;

class IdentityCheckTest {

    private final Check check = new IdentityCheck();

    @Test
    void dashboards_with_their_own_uids_and_titles_pass() {
        assertThat(Findings.of(check, Fixtures.validWith())).isEmpty();
    }

    @Test
    void a_second_dashboard_with_a_uid_already_taken_is_named() {
        assertThat(Findings.of(check, Fixtures.validWith("identity/duplicate-uid.json")))
                .containsExactly(
                        "duplicate-uid.json › dashboard: uid 'fixture-overview' is also the uid of overview.json");
    }

    @Test
    void two_panels_with_one_id_are_named() {
        assertThat(Findings.of(check, Fixtures.validWith("identity/duplicate-panel-id.json")))
                .containsExactly(
                        "duplicate-panel-id.json › panel 1 «Организации»: id 1 is also the id of panel 1 «Ответы»");
    }

    @Test
    void a_dashboard_or_panel_without_a_title_is_named() {
        assertThat(Findings.of(check, Fixtures.validWith("identity/untitled.json")))
                .containsExactly("untitled.json › dashboard: has no title", "untitled.json › panel 1: has no title");
    }
}
