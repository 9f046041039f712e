package ru.noko.dashboards.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import ru.noko.dashboards.Fixtures;

class VariableCheckTest {

    private final Check check = new VariableCheck();

    @Test
    void variables_used_after_their_definition_and_grafanas_own_pass() {
        // $__timeFilter(…), $__conditionalAll(…, $municipality), ${__data.fields.organization_id}, $__rate_interval,
        // ${campaign:queryparam}, a query variable's SQL in query.rawSql.
        assertThat(Findings.of(check, Fixtures.validWith())).isEmpty();
    }

    @Test
    void a_variable_whose_query_uses_a_later_or_unknown_variable_is_named() {
        assertThat(Findings.of(check, Fixtures.validWith("variables/used-before-defined.json")))
                .containsExactly(
                        "used-before-defined.json › variable municipality: uses $campaign in /templating/list/0/query,"
                                + " which is defined after it (templating.list[1])",
                        "used-before-defined.json › variable municipality: uses $campaign in /templating/list/0/definition,"
                                + " which is defined after it (templating.list[1])",
                        "used-before-defined.json › variable organization: uses $region in /templating/list/2/query/rawSql,"
                                + " which no variable defines",
                        "used-before-defined.json › variable organization: uses $region in /templating/list/2/definition,"
                                + " which no variable defines");
    }

    @Test
    void a_panel_using_an_undefined_variable_or_macro_is_named() {
        assertThat(Findings.of(check, Fixtures.validWith("variables/undefined-in-panel.json")))
                .containsExactly(
                        "undefined-in-panel.json › panel 1 «Ответы: [[regoin]]»: uses $organizaton in"
                                + " /panels/0/targets/0/rawSql, which no variable defines",
                        "undefined-in-panel.json › panel 1 «Ответы: [[regoin]]»: uses $__timeFiltr in"
                                + " /panels/0/targets/0/rawSql, which no variable defines",
                        "undefined-in-panel.json › panel 1 «Ответы: [[regoin]]»: uses $regoin in /panels/0/title,"
                                + " which no variable defines");
    }
}
