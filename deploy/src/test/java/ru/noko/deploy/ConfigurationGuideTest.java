package ru.noko.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is the one list of settings a person reads (the pipeline's README and {@code PipelineConfig}
 * point there): it names every variable the gateway, the portal and the pipeline read, and none they do not.
 */
class ConfigurationGuideTest {

    @Test
    void theConfigurationGuideListsEveryVariableTheGatewayThePortalAndThePipelineRead() {
        Set<String> listed = listed();

        assertThat(listed)
                .containsAll(CodeSettings.pipelineVariables())
                .containsAll(CodeSettings.gatewayVariables().keySet())
                .containsAll(CodeSettings.portalVariables().keySet());
    }

    @Test
    void everyVariableTheGuidesGatewayAndPortalTablesListIsOneTheyRead() {
        Set<String> gatewayTable = variables(between("Gateway (`", "Portal (`"));
        Set<String> portalTable = variables(between("Portal (`", "Pipeline (["));

        assertThat(CodeSettings.gatewayVariables().keySet()).containsAll(gatewayTable);
        assertThat(CodeSettings.portalVariables().keySet()).containsAll(portalTable);
    }

    @Test
    void everyPipelineVariableTheGuideListsIsOneThePipelineReads() {
        Set<String> read = CodeSettings.pipelineVariables();
        Set<String> pipelineTable =
                variables(guide().substring(guide().indexOf("Pipeline (["), guide().indexOf("Local run:")));

        assertThat(read).containsAll(pipelineTable);
    }

    private static String between(String start, String end) {
        String guide = guide();
        int from = guide.indexOf(start);
        int to = guide.indexOf(end, from + 1);
        assertThat(from).as("docs/configuration.md has " + start).isNotNegative();
        assertThat(to)
                .as("docs/configuration.md has " + end + " after " + start)
                .isGreaterThan(from);
        return guide.substring(from, to);
    }

    /** Every NOKO_* variable the section names; {@code NOKO_CLICKHOUSE_HOST, _PORT} names NOKO_CLICKHOUSE_PORT too. */
    private static Set<String> listed() {
        return variables(guide());
    }

    private static Set<String> variables(String text) {
        Set<String> names = new TreeSet<>();
        for (String line : text.split("\n")) {
            String prefix = null;
            for (String token : line.split("[^A-Za-z0-9_]+")) {
                if (token.startsWith("NOKO_")) {
                    names.add(token);
                    prefix = token.substring(0, token.lastIndexOf('_'));
                } else if (token.startsWith("_")
                        && token.length() > 1
                        && prefix != null
                        && token.equals(token.toUpperCase())) {
                    names.add(prefix + token);
                }
            }
        }
        return names;
    }

    private static String guide() {
        return Repository.text("docs/configuration.md");
    }
}
