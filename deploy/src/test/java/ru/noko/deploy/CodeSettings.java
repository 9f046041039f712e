package ru.noko.deploy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import ru.noko.export.cli.ExportCommand;
import ru.noko.pipeline.job.PipelineConfig;
import ru.noko.schemas.privacy.Pseudonymizer;

/**
 * What the code says, for the deployment to agree with: the gateway's and the portal's variables and their defaults
 * from their application.properties, the pipeline's from {@link PipelineConfig} itself, versions from the poms.
 */
final class CodeSettings {

    static final String GATEWAY_PROPERTIES = "ingest-gateway/src/main/resources/application.properties";
    static final String PORTAL_PROPERTIES = "portal/src/main/resources/application.properties";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(NOKO_[A-Z0-9_]+)(?::([^}]*))?}");

    private CodeSettings() {}

    /** The gateway's application.properties, property → value as written. */
    static Map<String, String> gatewayProperties() {
        return properties(GATEWAY_PROPERTIES);
    }

    /** Every NOKO_* variable the gateway reads, with its default ("" where it has none). */
    static Map<String, String> gatewayVariables() {
        return variables(GATEWAY_PROPERTIES);
    }

    /** A gateway property's default, with the placeholder's default in place of the placeholder. */
    static String gatewayDefault(String property) {
        return propertyDefault(GATEWAY_PROPERTIES, property);
    }

    /** The portal's application.properties, property → value as written. */
    static Map<String, String> portalProperties() {
        return properties(PORTAL_PROPERTIES);
    }

    /** Every NOKO_* variable the portal reads, with its default ("" where it has none). */
    static Map<String, String> portalVariables() {
        return variables(PORTAL_PROPERTIES);
    }

    /** A portal property's default, with the placeholder's default in place of the placeholder. */
    static String portalDefault(String property) {
        return propertyDefault(PORTAL_PROPERTIES, property);
    }

    /** The portal's topic variables and their defaults. */
    static Map<String, String> portalTopics() {
        return topics(portalVariables());
    }

    private static Map<String, String> properties(String file) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line : Repository.text(file).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
                String[] pair = line.split("=", 2);
                properties.put(pair[0].strip(), pair[1].strip());
            }
        }
        return properties;
    }

    private static Map<String, String> variables(String file) {
        Map<String, String> variables = new LinkedHashMap<>();
        Matcher matcher = PLACEHOLDER.matcher(Repository.text(file));
        while (matcher.find()) {
            variables.put(matcher.group(1), matcher.group(2) == null ? "" : matcher.group(2));
        }
        return variables;
    }

    private static String propertyDefault(String file, String property) {
        String value = properties(file).get(property);
        if (value == null) {
            throw new AssertionError(file + " has no " + property);
        }
        Matcher matcher = PLACEHOLDER.matcher(value);
        return matcher.replaceAll(match -> Matcher.quoteReplacement(match.group(2) == null ? "" : match.group(2)));
    }

    /** The pipeline's configuration with nothing set but the required key: every default. */
    static PipelineConfig pipelineDefaults() {
        return PipelineConfig.fromEnvironment(Map.of(Pseudonymizer.KEY_VARIABLE, "k".repeat(64)));
    }

    /** Every variable {@link PipelineConfig#fromEnvironment(Map)} reads, recorded as it reads them. */
    static Set<String> pipelineVariables() {
        Set<String> read = new TreeSet<>();
        Map<String, String> environment = new HashMap<>() {
            @Override
            public String get(Object key) {
                read.add(String.valueOf(key));
                return super.get(key);
            }
        };
        environment.put(Pseudonymizer.KEY_VARIABLE, "k".repeat(64));
        PipelineConfig.fromEnvironment(environment);
        return read;
    }

    /** Every variable {@link ExportCommand} reads (its ClickHouse, folders and S3 settings), recorded as it reads them. */
    static Set<String> exporterVariables() {
        Set<String> read = new TreeSet<>();
        new ExportCommand(new HashMap<>() {
            @Override
            public String get(Object key) {
                read.add(String.valueOf(key));
                return super.get(key);
            }
        });
        return read;
    }

    /** The pipeline's topic variables and their defaults, from the configuration itself. */
    static Map<String, String> pipelineTopics() {
        PipelineConfig defaults = pipelineDefaults();
        return Map.of(
                "NOKO_RESPONSES_TOPIC", defaults.responsesTopic(),
                "NOKO_SESSIONS_TOPIC", defaults.sessionsTopic(),
                "NOKO_SELF_ASSESSMENTS_TOPIC", defaults.selfAssessmentsTopic(),
                "NOKO_ORGANIZATIONS_TOPIC", defaults.organizationsTopic(),
                "NOKO_VERDICT_CORRECTIONS_TOPIC", defaults.verdictCorrectionsTopic(),
                "NOKO_CAMPAIGNS_TOPIC", defaults.campaignsTopic());
    }

    /** The gateway's topic variables and their defaults. */
    static Map<String, String> gatewayTopics() {
        return topics(gatewayVariables());
    }

    private static Map<String, String> topics(Map<String, String> variables) {
        Map<String, String> topics = new LinkedHashMap<>();
        variables.forEach((name, fallback) -> {
            if (name.endsWith("_TOPIC")) {
                topics.put(name, fallback);
            }
        });
        return topics;
    }

    /** The port of a host:port default such as the Kafka bootstrap servers. */
    static int port(String hostAndPort) {
        return Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
    }

    /** The parent pom's version (the project's). */
    static String projectVersion() {
        return childText(Repository.xml("pom.xml").getDocumentElement(), "version");
    }

    /** A property of the parent pom (flink.version, kafka.version, maven.compiler.release, …). */
    static String pomProperty(String name) {
        Element properties = child(Repository.xml("pom.xml").getDocumentElement(), "properties");
        return childText(properties, name);
    }

    static String artifactId(String module) {
        return childText(Repository.xml(module + "/pom.xml").getDocumentElement(), "artifactId");
    }

    /** The first element of this name anywhere in a module's pom (a plugin's configuration, say). */
    static String pomElement(String module, String element) {
        Document pom = Repository.xml(module + "/pom.xml");
        NodeList found = pom.getElementsByTagName(element);
        if (found.getLength() == 0) {
            throw new AssertionError(module + "/pom.xml has no <" + element + ">");
        }
        return found.item(0).getTextContent().strip();
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
    }

    private static String childText(Element parent, String name) {
        return child(parent, name).getTextContent().strip();
    }
}
