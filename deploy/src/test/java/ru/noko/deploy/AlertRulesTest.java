package ru.noko.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's alerting, checked by the tools of the servers that run it: Prometheus's promtool reads the shipped
 * configuration and rules and runs every alert through its scenarios (deploy/prometheus/alerts.test.yml), and
 * Alertmanager's amtool reads the configuration its container renders at start, rendered here by the same script with
 * sample settings. promtool and amtool are Debian's (./noko setup installs them); a failure shows the tool's output.
 */
class AlertRulesTest {

    private static final String PROMETHEUS = "deploy/prometheus/prometheus.yml";
    private static final String RULES = "deploy/prometheus/alerts.yml";
    private static final String RULE_TESTS = "deploy/prometheus/alerts.test.yml";
    private static final String ENTRYPOINT = "deploy/alertmanager/entrypoint.sh";
    private static final String TEMPLATE = "deploy/alertmanager/alertmanager.yml.tmpl";
    private static final Pattern CYRILLIC = Pattern.compile("\\p{IsCyrillic}");

    @TempDir
    Path dir;

    @Test
    void prometheusAcceptsItsConfigurationWithTheRulesBesideIt() {
        // rule_files is relative to the configuration, as in the container, where alerts.yml is mounted beside it.
        assertThat(Repository.yaml(PROMETHEUS).get("rule_files").get(0).asText())
                .isEqualTo("alerts.yml");
        run("promtool", "check", "config", Repository.path(PROMETHEUS).toString());
    }

    @Test
    void prometheusAcceptsTheRules() {
        run("promtool", "check", "rules", Repository.path(RULES).toString());
    }

    @Test
    void everyAlertFiresInAScenarioAndStaysSilentWhileAllIsWell() {
        run("promtool", "test", "rules", Repository.path(RULE_TESTS).toString());

        // promtool passes tests that never mention an alert: a new rule needs a scenario of its own.
        Set<String> firing = new HashSet<>();
        Set<String> silent = new HashSet<>();
        for (JsonNode group : Repository.yaml(RULE_TESTS).get("tests")) {
            for (JsonNode test : group.get("alert_rule_test")) {
                (test.get("exp_alerts").isEmpty() ? silent : firing)
                        .add(test.get("alertname").asText());
            }
        }
        assertThat(firing).as("alerts some scenario fires").containsExactlyInAnyOrderElementsOf(alertNames());
        assertThat(silent).as("alerts checked silent").containsExactlyInAnyOrderElementsOf(alertNames());
    }

    @Test
    void everyAlertHasASeverityAndTellsTheAdministratorInRussianWhatHappened() {
        for (JsonNode group : Repository.yaml(RULES).get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                String alert = rule.get("alert").asText();
                assertThat(rule.at("/labels/severity").asText()).as(alert).isIn("critical", "warning");
                assertThat(rule.at("/annotations/summary").asText())
                        .as(alert + " summary")
                        .containsPattern(CYRILLIC);
                assertThat(rule.at("/annotations/description").asText())
                        .as(alert + " description")
                        .containsPattern(CYRILLIC);
            }
        }
    }

    @Test
    void alertmanagerAcceptsItsConfigurationAsTheContainerRendersItWithAMailServer() throws IOException {
        // Values YAML and sed would both trip over: quotes, backslash, ampersand and the sed delimiter.
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ALERT_EMAIL_TO", "admin@region.example.ru, o'neil@region.example.ru");
        env.put("ALERT_EMAIL_FROM", "noko@region.example.ru");
        env.put("ALERT_SMTP_HOST", "smtp.region.example.ru");
        env.put("ALERT_SMTP_PORT", "587");
        env.put("ALERT_SMTP_USERNAME", "noko|alerts&co");
        env.put("ALERT_SMTP_PASSWORD", "p'a\"s\\s&w|rd");
        env.put("ALERT_SMTP_STARTTLS", "true");

        Path config = render(env);
        run("amtool", "check-config", config.toString());

        JsonNode rendered = new YAMLMapper().readTree(config.toFile());
        assertThat(rendered.at("/global/smtp_smarthost").asText()).isEqualTo("smtp.region.example.ru:587");
        assertThat(rendered.at("/global/smtp_auth_username").asText()).isEqualTo("noko|alerts&co");
        assertThat(rendered.at("/global/smtp_require_tls").asBoolean()).isTrue();
        assertThat(rendered.at("/receivers/0/email_configs/0/to").asText())
                .isEqualTo("admin@region.example.ru, o'neil@region.example.ru");
        // The password goes into a file of its own, as it was; the configuration only names the file.
        Path passwordFile =
                Path.of(rendered.at("/global/smtp_auth_password_file").asText());
        assertThat(Files.readString(passwordFile)).isEqualTo("p'a\"s\\s&w|rd");
        assertThat(Files.readString(config)).doesNotContain("w|rd");
    }

    @Test
    void withoutARecipientAlertmanagerStillStartsAndMailsNothing() throws IOException {
        Path config = render(Map.of());
        run("amtool", "check-config", config.toString());

        JsonNode rendered = new YAMLMapper().readTree(config.toFile());
        assertThat(rendered.at("/receivers/0/name").asText()).isEqualTo("administrator");
        assertThat(rendered.at("/receivers/0/email_configs").isMissingNode()).isTrue();
        assertThat(rendered.at("/global/smtp_smarthost").isMissingNode()).isTrue();
    }

    @Test
    void aLineBreakInASettingStopsTheContainerInsteadOfBreakingTheConfiguration() {
        ProcessResult result = execute(entrypoint(Map.of(
                "ALERT_EMAIL_TO", "admin@region.example.ru\n  bad: yes", "ALERT_SMTP_HOST", "smtp.region.example.ru")));
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("ALERT_EMAIL_TO must be a single line");
    }

    private List<String> alertNames() {
        List<String> names = new ArrayList<>();
        for (JsonNode group : Repository.yaml(RULES).get("groups")) {
            group.get("rules").forEach(rule -> names.add(rule.get("alert").asText()));
        }
        return names;
    }

    /** The entrypoint's render step, run by sh as busybox's sh runs it in the container, into this test's folder. */
    private Path render(Map<String, String> settings) {
        ProcessResult result = execute(entrypoint(settings));
        assertThat(result.exitCode()).as(result.output()).isZero();
        return dir.resolve("alertmanager.yml");
    }

    private ProcessBuilder entrypoint(Map<String, String> settings) {
        ProcessBuilder builder =
                new ProcessBuilder("sh", Repository.path(ENTRYPOINT).toString(), "--render-only");
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("ALERT"));
        env.put("ALERTMANAGER_TEMPLATE", Repository.path(TEMPLATE).toString());
        env.put("ALERTMANAGER_CONFIG", dir.resolve("alertmanager.yml").toString());
        env.put(
                "ALERTMANAGER_SMTP_PASSWORD_FILE",
                dir.resolve("secrets/smtp-password").toString());
        env.putAll(settings);
        return builder;
    }

    private static void run(String... command) {
        ProcessResult result = execute(new ProcessBuilder(command));
        assertThat(result.exitCode())
                .as("%s failed:%n%s", String.join(" ", command), result.output())
                .isZero();
    }

    private static ProcessResult execute(ProcessBuilder builder) {
        try {
            Process process = builder.redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(builder.command() + " did not finish in 60 s");
            }
            return new ProcessResult(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(
                    builder.command().get(0) + " cannot run (./noko setup installs promtool and amtool): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private record ProcessResult(int exitCode, String output) {}
}
