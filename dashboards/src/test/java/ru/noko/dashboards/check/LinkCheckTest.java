package ru.noko.dashboards.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import ru.noko.dashboards.Fixtures;

class LinkCheckTest {

    private final Check check = new LinkCheck();

    @Test
    void links_to_existing_dashboards_and_their_variables_pass() {
        assertThat(Findings.of(check, Fixtures.validWith())).isEmpty();
    }

    @Test
    void a_link_to_a_uid_no_dashboard_has_is_named() {
        assertThat(Findings.of(check, Fixtures.validWith("links/to-unknown-dashboard.json")))
                .containsExactly(
                        "to-unknown-dashboard.json › dashboard link 1 «Результаты»: links to /d/noko-nowhere/rezultaty:"
                                + " no dashboard has the uid 'noko-nowhere'"
                                + " (uids: fixture-organization, fixture-overview, fixture-link-unknown)");
    }

    @Test
    void a_data_link_setting_variables_the_target_lacks_is_named() {
        assertThat(Findings.of(check, Fixtures.validWith("links/to-unknown-variable.json")))
                .containsExactly(
                        "to-unknown-variable.json › panel 1 «Ответы» data link «Организация»: sets var-organisation of"
                                + " fixture-organization, which has no variable 'organisation' (it has: campaign, organization)",
                        "to-unknown-variable.json › panel 1 «Ответы» data link «Организация»: sets var-role of"
                                + " fixture-organization, which has no variable 'role' (it has: campaign, organization)");
    }

    @Test
    void a_link_by_tags_no_other_dashboard_carries_is_named() {
        assertThat(Findings.of(check, Fixtures.validWith("links/tags-without-dashboards.json")))
                .containsExactly(
                        "tags-without-dashboards.json › dashboard link 1 «Дашборды»: no other dashboard carries all the tags"
                                + " [noko-fixture, nobody-has-this]");
    }
}
