package ru.noko.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The root README's Configuration section is the one list of settings a person reads (the pipeline's README and
 * {@code PipelineConfig} point there): it names every variable the gateway, the portal and the pipeline read, and
 * none they do not.
 */
class ConfigurationSectionTest {

    @Test
    void theReadmeListsEveryVariableTheGatewayThePortalAndThePipelineRead() {
        Set<String> listed = listed();

        assertThat(listed)
                .containsAll(CodeSettings.pipelineVariables())
                .containsAll(CodeSettings.gatewayVariables().keySet())
                .containsAll(CodeSettings.portalVariables().keySet());
    }

    @Test
    void everyVariableTheReadmesGatewayAndPortalTablesListIsOneTheyRead() {
        Set<String> gatewayTable = variables(between("Gateway (`", "Portal (`"));
        Set<String> portalTable = variables(between("Portal (`", "Pipeline (["));

        assertThat(CodeSettings.gatewayVariables().keySet()).containsAll(gatewayTable);
        assertThat(CodeSettings.portalVariables().keySet()).containsAll(portalTable);
    }

    @Test
    void everyPipelineVariableTheReadmeListsIsOneThePipelineReads() {
        Set<String> read = CodeSettings.pipelineVariables();
        Set<String> pipelineTable = variables(
                section().substring(section().indexOf("Pipeline (["), section().indexOf("Local run:")));

        assertThat(read).containsAll(pipelineTable);
    }

    private static String between(String start, String end) {
        String section = section();
        int from = section.indexOf(start);
        int to = section.indexOf(end, from + 1);
        assertThat(from).as("the Configuration section has " + start).isNotNegative();
        assertThat(to)
                .as("the Configuration section has " + end + " after " + start)
                .isGreaterThan(from);
        return section.substring(from, to);
    }

    /** Every NOKO_* variable the section names; {@code NOKO_CLICKHOUSE_HOST, _PORT} names NOKO_CLICKHOUSE_PORT too. */
    private static Set<String> listed() {
        return variables(section());
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

    private static String section() {
        String readme = Repository.text("README.md");
        int start = readme.indexOf("\n## Configuration\n");
        assertThat(start).as("README has a Configuration section").isNotNegative();
        return readme.substring(start, readme.indexOf("\n## ", start + 1));
    }
}
