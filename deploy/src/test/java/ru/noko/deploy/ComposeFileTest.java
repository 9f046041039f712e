package ru.noko.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import ru.noko.export.cli.ExportCommand;
import ru.noko.export.store.S3Settings;
import ru.noko.local.LocalSettings;
import ru.noko.pipeline.job.PipelineConfig;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/**
 * The server deployment (docker-compose.yml) is a valid Compose file and agrees with the code: the topics, databases,
 * ports and NOKO_* variables it names are the ones the code uses, every variable is documented in .env.example, no
 * secret is written down, images are pinned, state lives in named volumes, everything restarts and reports its
 * health, Prometheus scrapes what exposes metrics, the exporter keeps its exports where s3-init makes its bucket, and the
 * portal sits behind the proxy on its own port with its PostgreSQL.
 */
class ComposeFileTest {

    /** The native protocol's port of ClickHouse's own image, which docker-compose.yml's services reach it on. */
    private static final int CLICKHOUSE_NATIVE_PORT = 9000;

    private static final String SCHEMA = "deploy/compose-spec.json";
    private static final String PROMETHEUS = "deploy/prometheus/prometheus.yml";
    private static final String NGINX = "deploy/nginx/nginx.conf";
    private static final String GATEWAY_DOCKERFILE = "ingest-gateway/Dockerfile";
    private static final String PORTAL_DOCKERFILE = "portal/Dockerfile";
    private static final String PIPELINE_DOCKERFILE = "pipeline/Dockerfile";
    private static final String EXPORT_DOCKERFILE = "export/Dockerfile";
    private static final String DASHBOARDS = "/var/lib/grafana/dashboards";
    private static final Pattern SECRET = Pattern.compile(".*(PASSWORD|SECRET|_KEY)$");
    /** Where the official postgres image keeps its data (PGDATA), unless a service sets PGDATA. */
    private static final String POSTGRES_DATA = "/var/lib/postgresql/data";
    /** The port PostgreSQL listens on in its container. */
    private static final int POSTGRES_PORT = 5432;

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void composeFileFollowsTheComposeSpecification() {
        assertThat(schemaErrors(compose.root()))
                .as("docker-compose.yml against " + SCHEMA)
                .isEmpty();
    }

    @Test
    void theSpecificationCatchesAMisspeltServiceAttribute() {
        // The check above can fail: the same file with one attribute misspelt is refused.
        JsonNode broken = compose.root().deepCopy();
        ((ObjectNode) broken.path("services").path("clickhouse")).put("restrat", "always");
        assertThat(schemaErrors(broken)).extracting(Error::getMessage).anyMatch(message -> message.contains("restrat"));
    }

    @Test
    void kafkaInitCreatesEveryTopicTheCodeUsesWithTheLocalRunsPartitions() {
        Map<String, Integer> created = createdTopics();
        Set<String> used = new TreeSet<>(CodeSettings.pipelineTopics().values());
        used.addAll(CodeSettings.gatewayTopics().values());
        used.addAll(CodeSettings.portalTopics().values());
        assertThat(created.keySet()).as("topics kafka-init creates").isEqualTo(used);
        assertThat(created).containsEntry(CodeSettings.pipelineDefaults().responsesTopic(), LocalSettings.PARTITIONS);
        assertThat(created.values()).allMatch(partitions -> partitions >= 1);
    }

    @Test
    void theCampaignsTopicIsCompactedSoEveryCampaignsNewestVersionIsKeptForGood() {
        String campaigns = CodeSettings.pipelineDefaults().campaignsTopic();
        assertThat(CodeSettings.gatewayTopics()).containsEntry("NOKO_CAMPAIGNS_TOPIC", campaigns);
        assertThat(CodeSettings.portalTopics()).containsEntry("NOKO_CAMPAIGNS_TOPIC", campaigns);
        Map<String, Map<String, String>> settings = topicSettings();
        assertThat(settings.get(campaigns)).as(campaigns + " settings").containsEntry("cleanup.policy", "compact");
        // The script kafka-init runs passes the settings on when it creates a topic, and sets them on one that exists.
        String script = compose.service("kafka-init").path("entrypoint").path(1).asText();
        String scriptFile = compose.bindMounts("kafka-init").entrySet().stream()
                .filter(mount -> mount.getValue().equals(script))
                .findFirst()
                .orElseThrow()
                .getKey();
        assertThat(Repository.text(scriptFile))
                .contains("--config \"$pair\"", "kafka-configs.sh", "--add-config \"$settings\"");
        // The campaigns topic has one partition: a campaign's versions stay in the order they were published.
        assertThat(createdTopics()).containsEntry(campaigns, 1);
    }

    @Test
    void servicesNameTheTopicsTheCodeReadsAndWrites() {
        for (String gateway : gateways()) {
            CodeSettings.gatewayTopics()
                    .forEach((variable, topic) -> assertThat(compose.variable(gateway, variable))
                            .as(gateway + " " + variable)
                            .contains(topic));
        }
        for (String portal : portals()) {
            CodeSettings.portalTopics()
                    .forEach((variable, topic) -> assertThat(compose.variable(portal, variable))
                            .as(portal + " " + variable)
                            .contains(topic));
        }
        for (String flink : pipelineServices()) {
            compose.environment(flink).keySet().stream()
                    .filter(variable -> variable.endsWith("_TOPIC"))
                    .forEach(variable -> assertThat(compose.variable(flink, variable))
                            .as(flink + " " + variable)
                            .contains(CodeSettings.pipelineTopics().get(variable)));
        }
        // The job manager runs the job's main(): it must name every topic the job reads.
        assertThat(compose.environment("jobmanager"))
                .containsKeys(CodeSettings.pipelineTopics().keySet().toArray(String[]::new));
    }

    @Test
    void thePipelineWritesTheDatabaseTheCodeAndGrafanaUse() {
        PipelineConfig defaults = CodeSettings.pipelineDefaults();
        assertThat(defaults.clickHouse().database()).isEqualTo(LocalSettings.DATABASE);
        assertThat(compose.variable("jobmanager", "NOKO_CLICKHOUSE_DATABASE"))
                .contains(defaults.clickHouse().database());
        assertThat(compose.variable("grafana", "CLICKHOUSE_DATABASE"))
                .contains(defaults.clickHouse().database());
        for (String exporter : exporters()) {
            assertThat(compose.variable(exporter, "NOKO_CLICKHOUSE_DATABASE"))
                    .as(exporter)
                    .contains(defaults.clickHouse().database());
        }
    }

    @Test
    void servicesReachEachOtherOnThePortsTheCodeUses() {
        PipelineConfig defaults = CodeSettings.pipelineDefaults();
        // ClickHouse's native protocol (the JDBC driver, the migrations) in its container: its own port. The code's
        // default is the local run's (ClickHouseTarget.DEFAULT_PORT), so every service must name the server's.
        int clickHouse = CLICKHOUSE_NATIVE_PORT;
        assertThat(defaults.clickHouse().port()).isEqualTo(ClickHouseTarget.DEFAULT_PORT);
        assertThat(compose.variable("jobmanager", "NOKO_CLICKHOUSE_HOST"))
                .hasValueSatisfying(host -> assertThat(compose.serviceNames()).contains(host));
        assertThat(compose.variable("jobmanager", "NOKO_CLICKHOUSE_PORT")).contains(String.valueOf(clickHouse));
        assertThat(compose.publishedContainerPorts("clickhouse")).contains(clickHouse);
        assertThat(compose.variable("grafana", "CLICKHOUSE_PORT")).contains(String.valueOf(clickHouse));
        for (String exporter : exporters()) {
            assertThat(compose.variable(exporter, "NOKO_CLICKHOUSE_HOST"))
                    .as(exporter)
                    .isEqualTo(compose.variable("jobmanager", "NOKO_CLICKHOUSE_HOST"));
            assertThat(compose.variable(exporter, "NOKO_CLICKHOUSE_PORT"))
                    .as(exporter)
                    .contains(String.valueOf(clickHouse));
            // Its own account, which can only read (deploy/clickhouse/users.d/exporter.xml), with the password the
            // ClickHouse container gives that file.
            assertThat(compose.variable(exporter, "NOKO_CLICKHOUSE_USER")).contains("exporter");
            String users = Repository.text("deploy/clickhouse/users.d/exporter.xml");
            assertThat(users.replaceAll("\\s+", ""))
                    .contains("<users><exporter>")
                    .contains("<readonly>1</readonly>")
                    .contains("<passwordfrom_env=\"CLICKHOUSE_EXPORTER_PASSWORD\"/>");
            assertThat(compose.environment(exporter).get("NOKO_CLICKHOUSE_PASSWORD"))
                    .isEqualTo(compose.environment("clickhouse").get("CLICKHOUSE_EXPORTER_PASSWORD"));
            assertThat(compose.bindMounts("clickhouse"))
                    .containsEntry(
                            "deploy/clickhouse/users.d/exporter.xml", "/etc/clickhouse-server/users.d/exporter.xml");
        }

        // Kafka: the broker's listener for the other containers on the port the code defaults to.
        int kafka = CodeSettings.port(defaults.kafkaBootstrapServers());
        assertThat(CodeSettings.port(CodeSettings.gatewayVariables().get("NOKO_KAFKA_BOOTSTRAP")))
                .isEqualTo(kafka);
        String broker = compose.kafkaServices().stream()
                .filter(name -> compose.environment(name).containsKey("KAFKA_PROCESS_ROLES"))
                .findFirst()
                .orElseThrow();
        assertThat(compose.variable(broker, "KAFKA_ADVERTISED_LISTENERS").orElseThrow())
                .contains("PLAINTEXT://" + broker + ":" + kafka);
        assertThat(CodeSettings.port(CodeSettings.portalVariables().get("NOKO_KAFKA_BOOTSTRAP")))
                .isEqualTo(kafka);
        List<String> clients = new ArrayList<>(gateways());
        clients.addAll(portals());
        clients.add("jobmanager");
        for (String client : clients) {
            assertThat(compose.variable(client, "NOKO_KAFKA_BOOTSTRAP"))
                    .as(client)
                    .contains(broker + ":" + kafka);
        }
        assertThat(compose.variable("kafka-init", "BOOTSTRAP")).contains(broker + ":" + kafka);

        // The gateway's HTTP port: nginx forwards there, the health check and Prometheus ask there.
        String gatewayPort = CodeSettings.gatewayDefault("server.port");
        String nginx = Repository.text(NGINX);
        for (String gateway : gateways()) {
            assertThat(nginx).contains("server " + gateway + ":" + gatewayPort + " ");
            assertThat(compose.service(gateway).path("healthcheck").path("test").toString())
                    .contains("127.0.0.1:" + gatewayPort + "/actuator/health/readiness");
        }

        // The portal's HTTP port: nginx forwards there, the health check asks there; ClickHouse on its native port.
        String portalPort = CodeSettings.portalDefault("server.port");
        for (String portal : portals()) {
            assertThat(nginx).contains("set $portal http://" + portal + ":" + portalPort + ";");
            assertThat(compose.service(portal).path("healthcheck").path("test").toString())
                    .contains("127.0.0.1:" + portalPort + "/actuator/health");
            assertThat(compose.variable(portal, "NOKO_CLICKHOUSE_HOST"))
                    .isEqualTo(compose.variable("jobmanager", "NOKO_CLICKHOUSE_HOST"));
            assertThat(compose.variable(portal, "NOKO_CLICKHOUSE_PORT")).contains(String.valueOf(clickHouse));
            assertThat(compose.variable(portal, "NOKO_CLICKHOUSE_DATABASE"))
                    .contains(defaults.clickHouse().database());
        }
    }

    @Test
    void everyNokoVariableTheFileSetsIsOneTheCodeReads() {
        Set<String> gatewayReads = CodeSettings.gatewayVariables().keySet();
        Set<String> pipelineReads = new TreeSet<>(CodeSettings.pipelineVariables());
        assertThat(pipelineReads).contains("NOKO_CLICKHOUSE_PASSWORD", "NOKO_CHECKPOINT_DIR"); // the recording works
        // The job manager's start script reads some of its own (the checkpoint folder, a savepoint to restore).
        Set<String> startScriptReads = new TreeSet<>();
        Pattern.compile("\\$\\{?(NOKO_\\w+)")
                .matcher(Repository.text("pipeline/docker/start-job.sh"))
                .results()
                .forEach(match -> startScriptReads.add(match.group(1)));
        assertThat(startScriptReads).contains("NOKO_RESTORE_SAVEPOINT");
        pipelineReads.addAll(startScriptReads);
        Set<String> exporterReads = CodeSettings.exporterVariables();
        assertThat(exporterReads).contains("NOKO_CLICKHOUSE_PASSWORD", "NOKO_EXPORTS_DIR", S3Settings.SECRET_KEY);
        Set<String> portalReads = CodeSettings.portalVariables().keySet();
        assertThat(portalReads).contains("NOKO_PORTAL_DB_PASSWORD", "NOKO_PORTAL_OPERATOR_PASSWORD");
        for (String service : compose.serviceNames()) {
            Set<String> set = new TreeSet<>(compose.environment(service).keySet());
            set.removeIf(name -> !name.startsWith("NOKO_"));
            if (gateways().contains(service)) {
                assertThat(gatewayReads)
                        .as("variables the gateway reads, for " + service)
                        .containsAll(set);
            } else if (pipelineServices().contains(service)) {
                assertThat(pipelineReads)
                        .as("variables the pipeline reads, for " + service)
                        .containsAll(set);
            } else if (exporters().contains(service)) {
                assertThat(exporterReads)
                        .as("variables the export command reads, for " + service)
                        .containsAll(set);
            } else if (portals().contains(service)) {
                assertThat(portalReads)
                        .as("variables the portal reads, for " + service)
                        .containsAll(set);
            } else {
                assertThat(set)
                        .as("NOKO_* variables of " + service + ", which runs no noko code")
                        .isEmpty();
            }
        }
        Set<String> known = new TreeSet<>(gatewayReads);
        // The deployment's own: the release its images carry, which the upgrade and rollback scripts set.
        Pattern.compile("\\b(NOKO_\\w+)=")
                .matcher(Repository.text("deploy/ops/release-steps.sh"))
                .results()
                .forEach(match -> known.add(match.group(1)));
        assertThat(known).contains("NOKO_RELEASE");
        known.addAll(pipelineReads);
        known.addAll(exporterReads);
        known.addAll(portalReads);
        for (Interpolation.Reference reference : references()) {
            if (reference.name().startsWith("NOKO_")) {
                assertThat(known)
                        .as("${" + reference.name() + "} is a variable the code reads")
                        .contains(reference.name());
            }
        }
    }

    @Test
    void everyVariableIsDocumentedInEnvExampleWithTheFilesDefault() {
        EnvExample example = EnvExample.load();
        Set<String> referenced = new TreeSet<>();
        for (Interpolation.Reference reference : references()) {
            referenced.add(reference.name());
            assertThat(reference.braced())
                    .as("$" + reference.name() + " is written ${" + reference.name() + "}")
                    .isTrue();
            EnvExample.Entry entry = example.entries().get(reference.name());
            assertThat(entry).as(reference.name() + " in " + EnvExample.PATH).isNotNull();
            reference
                    .fallback()
                    .ifPresent(fallback -> assertThat(entry.value())
                            .as("default of " + reference.name() + " in " + EnvExample.PATH)
                            .isEqualTo(fallback));
            if (reference.required()) {
                assertThat(entry)
                        .as(reference.name() + " is required: set, and empty, in " + EnvExample.PATH)
                        .isEqualTo(new EnvExample.Entry("", false));
            }
        }
        assertThat(referenced)
                .as("settings " + EnvExample.PATH + " documents")
                .containsAll(example.entries().keySet());
    }

    @Test
    void noSecretHasAValueOrADefaultInTheRepository() {
        for (Interpolation.Reference reference : references()) {
            if (SECRET.matcher(reference.name()).matches()) {
                assertThat(reference.required())
                        .as("${" + reference.name() + "} must be required (:?), never defaulted")
                        .isTrue();
            }
        }
        for (String service : compose.serviceNames()) {
            compose.environment(service).forEach((name, value) -> {
                if (SECRET.matcher(name).matches()) {
                    List<Interpolation.Reference> references = Interpolation.references(value);
                    assertThat(references)
                            .as(service + " " + name + " comes from .env only")
                            .hasSize(1)
                            .allMatch(Interpolation.Reference::required);
                    assertThat(value).startsWith("${").endsWith("}");
                }
            });
        }
    }

    @Test
    void everyImageIsPinnedToAVersion() {
        for (String service : compose.serviceNames()) {
            String image = compose.service(service).path("image").asText();
            assertThat(image).as(service + " names its image").isNotEmpty();
            if (compose.service(service).has("build") || image.startsWith("noko/")) {
                // Built here: tagged with the release being run, which a rollback names again, never a tag each
                // build overwrites.
                assertThat(ComposeFile.imageTag(image))
                        .as(service + " image " + image + " is tagged with the release")
                        .hasValueSatisfying(tag -> assertThat(Interpolation.references(tag))
                                .singleElement()
                                .satisfies(reference -> {
                                    assertThat(reference.name()).isEqualTo("NOKO_RELEASE");
                                    assertThat(reference.required()).isTrue();
                                }));
                continue;
            }
            assertThat(ComposeFile.imageTag(image))
                    .as(service + " image " + image + " has a version tag")
                    .hasValueSatisfying(tag -> assertThat(tag)
                            .isNotEqualTo("latest")
                            .doesNotContain("SNAPSHOT", "${")
                            .containsPattern("[0-9]"));
        }
        // ClickHouse by its exact release (four numbers), the one the driver's smoke test was run against, not a line
        // whose newest release changes under a running deployment.
        for (String clickHouse : compose.servicesOfImage("clickhouse/clickhouse-server")) {
            assertThat(ComposeFile.imageTag(
                            compose.service(clickHouse).path("image").asText()))
                    .hasValueSatisfying(tag -> assertThat(tag).matches("\\d+\\.\\d+\\.\\d+\\.\\d+"));
        }
        // The broker runs the Kafka version the clients are built with, as do the Kafka tools of kafka-init.
        String kafkaVersion = CodeSettings.pomProperty("kafka.version");
        for (String kafka : compose.servicesOfImage("apache/kafka")) {
            assertThat(ComposeFile.imageTag(compose.service(kafka).path("image").asText()))
                    .contains(kafkaVersion);
        }
        assertThat(Repository.text(ComposeFile.KAFKA_BUILD.substring(2) + "/Dockerfile"))
                .containsPattern("(?m)^FROM apache/kafka:" + Pattern.quote(kafkaVersion) + "$");
    }

    @Test
    void everyStatefulServiceKeepsItsDataInANamedVolume() {
        Map<String, String> dataDirectories = new TreeMap<>();
        compose.servicesOfImage("clickhouse/clickhouse-server")
                .forEach(name -> dataDirectories.put(name, "/var/lib/clickhouse"));
        compose.servicesWhere(service ->
                        service.path("build").path("context").asText().equals("./dashboards"))
                .forEach(name -> dataDirectories.put(name, "/var/lib/grafana"));
        for (String postgres : compose.servicesOfImage("postgres")) {
            dataDirectories.put(postgres, compose.variable(postgres, "PGDATA").orElse(POSTGRES_DATA));
        }
        for (String kafka : compose.kafkaServices()) {
            compose.variable(kafka, "KAFKA_LOG_DIRS").ifPresent(directory -> dataDirectories.put(kafka, directory));
        }
        for (String s3 : compose.servicesOfImage("versity/versitygw")) {
            String command = compose.service(s3).path("command").toString();
            if (command.contains("posix")) {
                // The objects, their metadata and the accounts, all under one folder.
                for (String folder : List.of("buckets", "meta", "iam")) {
                    assertThat(command).contains("/var/lib/versitygw/" + folder);
                }
                dataDirectories.put(s3, "/var/lib/versitygw");
            }
        }
        for (String prometheus : compose.servicesOfImage("prom/prometheus")) {
            compose.service(prometheus).path("command").forEach(argument -> {
                if (argument.asText().startsWith("--storage.tsdb.path=")) {
                    dataDirectories.put(prometheus, argument.asText().substring("--storage.tsdb.path=".length()));
                }
            });
        }
        String checkpoints =
                compose.variable("jobmanager", "NOKO_CHECKPOINT_DIR").orElseThrow();
        assertThat(checkpoints).startsWith("file://");
        pipelineServices().forEach(name -> dataDirectories.put(name, checkpoints.substring("file://".length())));
        exporters()
                .forEach(name -> dataDirectories.put(
                        name, compose.variable(name, "NOKO_EXPORTS_DIR").orElseThrow()));

        assertThat(dataDirectories.keySet())
                .as("stateful services found")
                .contains(
                        "clickhouse",
                        "postgres",
                        "kafka",
                        "s3",
                        "grafana",
                        "prometheus",
                        "jobmanager",
                        "taskmanager",
                        "exporter");
        dataDirectories.forEach((service, directory) -> assertThat(compose.namedVolumes(service))
                .as(service + " keeps " + directory + " in a named volume")
                .containsValue(directory));
        // Job and task managers share the checkpoint volume: state files and the metadata that points at them.
        assertThat(compose.namedVolumes("taskmanager")).containsAllEntriesOf(compose.namedVolumes("jobmanager"));
    }

    @Test
    void everyServiceRestartsAndTheLongRunningOnesReportTheirHealth() {
        // One-shot services are named *-init and restarted only until they succeed; the others run on.
        Set<String> oneShots = new TreeSet<>(compose.servicesWhere(
                service -> service.path("restart").asText().equals("on-failure")));
        assertThat(oneShots)
                .contains("kafka-init", "s3-init")
                .allMatch(name -> name.endsWith("-init"))
                .containsAll(compose.oneShots());
        for (String service : compose.serviceNames()) {
            JsonNode definition = compose.service(service);
            String restart = definition.path("restart").asText();
            if (!oneShots.contains(service)) {
                assertThat(restart).as(service + " restart policy").isIn("always", "unless-stopped");
                assertThat(definition.path("healthcheck").path("test").isArray())
                        .as(service + " health check")
                        .isTrue();
                assertThat(definition.path("healthcheck").path("disable").asBoolean())
                        .isFalse();
            }
            definition.path("depends_on").fields().forEachRemaining(dependency -> {
                if ("service_healthy"
                        .equals(dependency.getValue().path("condition").asText())) {
                    assertThat(compose.service(dependency.getKey()).has("healthcheck"))
                            .as(service + " waits for " + dependency.getKey() + " to be healthy")
                            .isTrue();
                }
            });
        }
    }

    @Test
    void prometheusScrapesBothGatewaysAndEveryFlinkProcess() {
        JsonNode jobs = Repository.yaml(PROMETHEUS).path("scrape_configs");
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        jobs.forEach(job -> byName.put(job.path("job_name").asText(), job));

        // The gateway exposes Prometheus metrics on its HTTP port.
        assertThat(CodeSettings.gatewayProperties().get("management.endpoints.web.exposure.include"))
                .contains("prometheus");
        String gatewayPort = CodeSettings.gatewayDefault("server.port");
        JsonNode gateway = byName.get("gateway");
        assertThat(gateway.path("metrics_path").asText()).isEqualTo("/actuator/prometheus");
        assertThat(targets(gateway))
                .containsExactlyInAnyOrderElementsOf(gateways().stream()
                        .map(name -> name + ":" + gatewayPort)
                        .toList());

        // Flink's Prometheus reporter, on the same port in the job manager and the task managers.
        Set<String> reporterPorts = new TreeSet<>();
        for (String flink : pipelineServices()) {
            Map<String, String> properties = compose.flinkProperties(flink);
            assertThat(properties)
                    .as(flink)
                    .containsEntry(
                            "metrics.reporter.prom.factory.class",
                            "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            reporterPorts.add(properties.get("metrics.reporter.prom.port"));
        }
        assertThat(reporterPorts).hasSize(1);
        String flinkPort = reporterPorts.iterator().next();
        assertThat(targets(byName.get("flink-jobmanager"))).containsExactly("jobmanager:" + flinkPort);
        JsonNode taskManagers =
                byName.get("flink-taskmanager").path("dns_sd_configs").path(0);
        assertThat(taskManagers.path("names").toString()).contains("\"taskmanager\"");
        assertThat(taskManagers.path("port").asText()).isEqualTo(flinkPort);
        // The task managers' health check asks the same endpoint.
        assertThat(compose.service("taskmanager")
                        .path("healthcheck")
                        .path("test")
                        .toString())
                .contains(":" + flinkPort + "/");
    }

    @Test
    void flinksWebUiTakesNoJarAndIsPublishedOnTheServersLoopbackOnly() {
        for (String flink : List.of("jobmanager", "taskmanager")) {
            assertThat(compose.flinkProperties(flink))
                    .containsEntry("web.submit.enable", "false")
                    .containsEntry("web.cancel.enable", "false")
                    .hasEntrySatisfying(
                            "web.access-control-allow-origin",
                            origin -> assertThat(origin)
                                    .startsWith("http://127.0.0.1:")
                                    .isNotEqualTo("*"));
        }
        assertThat(compose.service("jobmanager").path("ports"))
                .isNotEmpty()
                .allSatisfy(port -> assertThat(port.asText()).startsWith("127.0.0.1:"));
    }

    @Test
    void theGatewaysThePortalAndItsDatabasePublishNoPort() {
        // Beyond these, only the proxy publishes a port beyond the server's loopback (NetworkReachTest).
        for (String gateway : gateways()) {
            assertThat(compose.service(gateway).path("ports"))
                    .as(gateway + " is reached through the proxy")
                    .isEmpty();
            assertThat(compose.variable(gateway, "NOKO_GATEWAY_ADDRESS"))
                    .as("inside its container, for the proxy")
                    .contains("0.0.0.0");
        }
        for (String portal : portals()) {
            assertThat(compose.service(portal).path("ports"))
                    .as(portal + " is reached through the proxy")
                    .isEmpty();
            assertThat(compose.variable(portal, "NOKO_PORTAL_ADDRESS"))
                    .as("inside its container, for the proxy")
                    .contains("0.0.0.0");
        }
        for (String postgres : compose.servicesOfImage("postgres")) {
            assertThat(compose.service(postgres).path("ports"))
                    .as(postgres + " is reached by the portal inside the network only")
                    .isEmpty();
        }
    }

    @Test
    void twoGatewaysSitBehindTheProxyWhichPassesTheClientsAddress() {
        assertThat(gateways()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(CodeSettings.gatewayProperties().get("server.forward-headers-strategy"))
                .contains("NOKO_FORWARD_HEADERS");
        assertThat(CodeSettings.gatewayProperties().get("management.endpoint.health.probes.enabled"))
                .isEqualTo("true");
        for (String gateway : gateways()) {
            assertThat(compose.variable(gateway, "NOKO_FORWARD_HEADERS")).contains("native");
            assertThat(compose.service("proxy")
                            .path("depends_on")
                            .path(gateway)
                            .path("condition")
                            .asText())
                    .isEqualTo("service_healthy");
        }
        String surveys = nginxServer("proxy_pass http://gateways;");
        // Set, not appended to: a client's own X-Forwarded-For would otherwise be the address the gateway takes.
        assertThat(surveys)
                .contains("proxy_set_header X-Forwarded-For $remote_addr;")
                .contains("add_header Strict-Transport-Security");
        // The survey API and pages only: the gateways have no staff pages, and their actuator stays inside.
        assertThat(surveys).contains("location /api/", "location /s/").doesNotContain("/admin", "location /actuator");
        assertThat(surveys.replaceAll("\\s+", " "))
                .as("every other path is nginx's own 404")
                .contains("location / { return 404; }");
        assertThat(Pattern.compile("proxy_pass (\\S+);").matcher(surveys).results())
                .extracting(match -> match.group(1))
                .containsOnly("http://gateways");
        assertThat(compose.bindMounts("proxy")).containsEntry(NGINX, "/etc/nginx/nginx.conf");
    }

    @Test
    void thePortalSitsBehindTheProxyOnItsOwnPortWithTheClientsAddressAndItsActuatorInside() {
        assertThat(portals()).containsExactly("portal");
        String portal = portals().get(0);
        String server = nginxServer("proxy_pass $portal;");
        Matcher listen = Pattern.compile("listen (\\d+) ssl;").matcher(server);
        assertThat(listen.find()).as("the portal's server listens on a port").isTrue();
        int port = Integer.parseInt(listen.group(1));
        assertThat(compose.publishedContainerPorts("proxy"))
                .as("the proxy publishes the portal's port")
                .contains(port);
        assertThat(nginxServer("proxy_pass http://gateways;"))
                .as("the survey port is another")
                .doesNotContain("listen " + port + " ssl;");
        assertThat(server)
                .contains("proxy_set_header X-Forwarded-For $remote_addr;")
                .contains("add_header Strict-Transport-Security");
        assertThat(server.replaceAll("\\s+", " "))
                .as("the portal's actuator stays inside")
                .contains("location /actuator { return 404; }");
        // An upload over the portal's limit gets the portal's own page, not nginx's.
        Matcher body = Pattern.compile("client_max_body_size (\\d+[kKmMgG]?);").matcher(server);
        assertThat(body.find()).as("the portal's server sets its body limit").isTrue();
        assertThat(bytes(body.group(1)))
                .isGreaterThan(bytes(CodeSettings.portalDefault("spring.servlet.multipart.max-request-size")));
        // The portal behind the proxy takes the client's address from it, and is reached over HTTPS.
        assertThat(CodeSettings.portalProperties().get("server.forward-headers-strategy"))
                .contains("NOKO_FORWARD_HEADERS");
        assertThat(compose.variable(portal, "NOKO_FORWARD_HEADERS")).contains("native");
        assertThat(compose.variable(portal, "NOKO_PORTAL_SECURE_COOKIES")).contains("true");
        // The survey endpoint does not wait for the portal: nginx resolves the portal's name per request.
        assertThat(compose.service("proxy").path("depends_on").has(portal)).isFalse();
        assertThat(Repository.text(NGINX)).contains("resolver 127.0.0.11");
    }

    @Test
    void thePortalRunsOnItsPostgresWithItsSecretsRequiredAndReadsClickHouseReadOnly() {
        String portal = portals().get(0);
        List<String> databases = compose.servicesOfImage("postgres");
        assertThat(databases).containsExactly("postgres");
        String postgres = databases.get(0);
        Map<String, String> database = compose.environment(postgres);
        Map<String, String> environment = compose.environment(portal);

        // The portal connects to the database the image makes, as its owner, with the same password.
        assertThat(compose.variable(portal, "NOKO_PORTAL_DB_URL"))
                .contains("jdbc:postgresql://" + postgres + ":" + POSTGRES_PORT + "/"
                        + compose.variable(postgres, "POSTGRES_DB").orElseThrow());
        assertThat(environment.get("NOKO_PORTAL_DB_USER")).isEqualTo(database.get("POSTGRES_USER"));
        assertThat(environment.get("NOKO_PORTAL_DB_PASSWORD")).isEqualTo(database.get("POSTGRES_PASSWORD"));
        assertThat(compose.service(postgres).path("healthcheck").path("test").toString())
                .contains("pg_isready");
        assertThat(compose.namedVolumes(postgres)).containsValue(POSTGRES_DATA);

        // Its secrets come from .env and nothing starts without them.
        for (String secret : List.of("NOKO_PORTAL_DB_PASSWORD", "NOKO_PORTAL_OPERATOR_PASSWORD")) {
            assertThat(CodeSettings.portalVariables()).containsKey(secret);
            assertThat(Interpolation.references(environment.get(secret)))
                    .as(portal + " " + secret)
                    .singleElement()
                    .satisfies(reference -> {
                        assertThat(reference.name()).isEqualTo(secret);
                        assertThat(reference.required()).isTrue();
                    });
        }
        assertThat(Interpolation.references(database.get("POSTGRES_PASSWORD")))
                .singleElement()
                .satisfies(reference -> assertThat(reference.required()).isTrue());

        // It starts once its database answers and the topics it publishes to exist.
        JsonNode dependsOn = compose.service(portal).path("depends_on");
        assertThat(dependsOn.path(postgres).path("condition").asText()).isEqualTo("service_healthy");
        assertThat(dependsOn.path("kafka-init").path("condition").asText()).isEqualTo("service_completed_successfully");

        // ClickHouse through Grafana's read-only account: the same user and password Grafana's data sources use.
        assertThat(compose.variable(portal, "NOKO_CLICKHOUSE_USER")).contains("grafana");
        assertThat(environment.get("NOKO_CLICKHOUSE_PASSWORD"))
                .isEqualTo(compose.environment("grafana").get("CLICKHOUSE_PASSWORD"));
        assertThat(Repository.text("deploy/clickhouse/users.d/grafana.xml")).contains("<readonly>");

        // The same campaign files as the gateways and the job.
        assertThat(compose.bindMounts(portal))
                .isEqualTo(compose.bindMounts(gateways().get(0)));
        assertThat(environment.get("NOKO_CAMPAIGNS_DIR"))
                .isEqualTo(compose.environment("jobmanager").get("NOKO_CAMPAIGNS_DIR"));
    }

    @Test
    void grafanaGetsItsProvisioningAndEverythingTheProvisioningAsksFor() throws Exception {
        Map<String, String> mounts = compose.bindMounts("grafana");
        assertThat(mounts)
                .containsEntry("dashboards/provisioning", "/etc/grafana/provisioning")
                .containsEntry("dashboards/json", DASHBOARDS);
        assertThat(compose.service("grafana").path("volumes").toString())
                .contains("./dashboards/json:" + DASHBOARDS + ":ro");
        Map<String, String> environment = compose.environment("grafana");
        // The plugins come with the image (dashboards/Dockerfile), pinned: Grafana downloads nothing when it starts,
        // and keeps them outside its data volume, so a new image's plugin is the one that runs.
        assertThat(environment).doesNotContainKeys("GF_INSTALL_PLUGINS", "GF_PLUGINS_PREINSTALL");
        assertThat(environment).containsEntry("GF_PLUGINS_PREINSTALL_DISABLED", "true");
        JsonNode build = compose.service("grafana").path("build");
        assertThat(build.path("context").asText()).isEqualTo("./dashboards");
        String dockerfile = Repository.text("dashboards/Dockerfile");
        Matcher installs =
                Pattern.compile("plugins install (\\S+) \"\\$\\{(\\w+)}\"").matcher(dockerfile);
        List<String> plugins = new ArrayList<>();
        while (installs.find()) {
            String version = build.path("args").path(installs.group(2)).asText();
            assertThat(version).as("the build pins " + installs.group(1)).matches("\\d+\\.\\d+\\.\\d+");
            plugins.add(installs.group(1));
        }
        assertThat(plugins).as("plugins the image installs").isNotEmpty();
        Matcher pluginsPath =
                Pattern.compile("(?m)^ENV GF_PATHS_PLUGINS=(\\S+)$").matcher(dockerfile);
        assertThat(pluginsPath.find())
                .as("dashboards/Dockerfile sets GF_PATHS_PLUGINS")
                .isTrue();
        assertThat(dockerfile).contains("--pluginsDir " + pluginsPath.group(1) + " ");
        assertThat(compose.namedVolumes("grafana").values())
                .allSatisfy(volume -> assertThat(pluginsPath.group(1)).doesNotStartWith(volume));
        // The provisioning files (dashboards/, maintained beside this deployment) ask for environment variables,
        // plugins and a dashboards folder: the grafana service must give each of them.
        for (Path file : provisioningFiles()) {
            String relative = Repository.ROOT.relativize(file).toString();
            String text = Files.readString(file);
            Set<String> variables = new TreeSet<>();
            Interpolation.references(text).forEach(reference -> variables.add(reference.name()));
            Matcher explicit = Pattern.compile("\\$__env\\{(\\w+)}").matcher(text); // Grafana's other form
            while (explicit.find()) {
                variables.add(explicit.group(1));
            }
            variables.removeIf(name -> !name.matches("[A-Z][A-Z0-9_]*") || name.startsWith("GF_"));
            for (String variable : variables) {
                assertThat(environment).as(relative + " reads $" + variable).containsKey(variable);
            }
            JsonNode provisioning = Repository.yaml(relative);
            provisioning.path("datasources").forEach(source -> {
                String type = source.path("type").asText();
                // PostgreSQL's data source is part of Grafana itself (since 10.x under this name); others are plugins.
                if (type.endsWith("-datasource") && !type.equals("grafana-postgresql-datasource")) {
                    assertThat(plugins).as(relative + " uses plugin " + type).contains(type);
                }
            });
            provisioning
                    .path("providers")
                    .forEach(provider -> assertThat(
                                    provider.path("options").path("path").asText())
                            .as(relative + " reads dashboards from the mounted folder")
                            .startsWith(DASHBOARDS));
        }
    }

    @Test
    void thePipelineRunsInApplicationModeWithTheMemoryTheBenchmarkMeasured() {
        // The job manager starts the job from the image (start-job.sh → standalone-job.sh --job-classname …).
        JsonNode command = compose.service("jobmanager").path("command");
        String script = Repository.text("pipeline/docker/start-job.sh");
        assertThat(Repository.text(PIPELINE_DOCKERFILE))
                .contains("pipeline/docker/start-job.sh " + command.path(0).asText());
        assertThat(script)
                .contains("standalone-job.sh")
                .contains(ru.noko.pipeline.job.ResponseIngestJob.class.getName());
        assertThat(compose.service("taskmanager").path("command").path(0).asText())
                .isEqualTo("taskmanager");

        // The benchmarks (bench/common.sh) run the job's task manager with the heap, young generation and collector
        // that BENCHMARKS.md measured; the task managers here get the same.
        Matcher bench =
                Pattern.compile("BENCH_DEFAULT_JVM_OPTS=\"([^\"]*)\"").matcher(Repository.text("bench/common.sh"));
        assertThat(bench.find()).as("bench/common.sh's default JVM options").isTrue();
        String benchmark = bench.group(1);
        String heap = option(benchmark, "-Xmx");
        String young = option(benchmark, "-Xmn");
        String taskManagerJvm =
                compose.variable("taskmanager", "FLINK_ENV_JAVA_OPTS_TM").orElseThrow();
        assertThat(benchmark).contains("-XX:+UseParallelGC");
        assertThat(taskManagerJvm).contains("-XX:+UseParallelGC");
        assertThat(option(taskManagerJvm, "-Xmn")).isEqualTo(young);
        assertThat(compose.flinkProperties("taskmanager")).containsEntry("taskmanager.memory.task.heap.size", heap);

        // Parallelism fits the slots by default, and the reporter and restarts are configured.
        Map<String, String> properties = compose.flinkProperties("jobmanager");
        int slots = Integer.parseInt(properties.get("taskmanager.numberOfTaskSlots"));
        int taskManagers = Integer.parseInt(Interpolation.withDefaults(
                compose.service("taskmanager").path("deploy").path("replicas").asText()));
        assertThat(Integer.parseInt(properties.get("parallelism.default"))).isLessThanOrEqualTo(slots * taskManagers);
        assertThat(properties).containsKey("restart-strategy.type");
    }

    @Test
    void theExporterRunsTheScheduleAndUploadsIntoTheBucketS3InitMakesWithTheAccountItMakes() {
        assertThat(exporters()).containsExactly("exporter");
        String exporter = exporters().get(0);
        Map<String, String> environment = compose.environment(exporter);

        // The command line is one the command accepts: the schedule, and the heartbeat the health check looks at.
        List<String> command = new ArrayList<>();
        compose.service(exporter).path("command").forEach(argument -> command.add(argument.asText()));
        ExportCommand parsed = new ExportCommand(Map.of());
        new CommandLine(parsed).parseArgs(command.toArray(String[]::new));
        assertThat(command).contains("--schedule");
        String heartbeat = command.get(command.indexOf("--heartbeat") + 1);
        assertThat(compose.service(exporter).path("healthcheck").path("test").toString())
                .contains(heartbeat);

        // The S3 API, inside the network, on the port the s3 service serves it and s3-init makes the accounts at.
        String s3 = "s3";
        int api = compose.publishedContainerPorts(s3).get(0);
        assertThat(compose.service(s3).path("command").toString()).contains("--port :" + api + " ");
        assertThat(compose.variable(exporter, S3Settings.ENDPOINT)).contains("http://" + s3 + ":" + api);
        assertThat(compose.variable("s3-init", "S3_ENDPOINT")).contains("http://" + s3 + ":" + api);
        assertThat(compose.service(s3).path("image").asText())
                .isEqualTo(compose.service("s3-init").path("image").asText());

        // The bucket, prefix and account are the ones s3-init makes, written the same way (the same .env setting).
        Map<String, String> init = compose.environment("s3-init");
        assertThat(environment.get(S3Settings.BUCKET)).isEqualTo(init.get("S3_BUCKET"));
        assertThat(environment.get(S3Settings.PREFIX)).isEqualTo(init.get("EXPORTS_PREFIX"));
        assertThat(environment.get(S3Settings.ACCESS_KEY)).isEqualTo(init.get("EXPORTER_ACCESS_KEY"));
        assertThat(environment.get(S3Settings.SECRET_KEY)).isEqualTo(init.get("EXPORTER_SECRET_KEY"));
        String script = compose.service("s3-init").path("entrypoint").path(1).asText();
        assertThat(compose.bindMounts("s3-init")).containsValue(script);
        String scriptFile = compose.bindMounts("s3-init").entrySet().stream()
                .filter(mount -> mount.getValue().equals(script))
                .findFirst()
                .orElseThrow()
                .getKey();
        assertThat(Repository.text(scriptFile))
                .contains(
                        "$S3_BUCKET",
                        "$EXPORTER_ACCESS_KEY",
                        "$EXPORTER_SECRET_KEY",
                        "$PORTAL_BUCKET",
                        "$PORTAL_ACCESS_KEY",
                        "versitygw admin",
                        "create-user",
                        "--role user",
                        "create-bucket");
        // The portal's bucket and account are the ones s3-init makes too.
        for (String portal : portals()) {
            assertThat(compose.environment(portal).get(S3Settings.BUCKET)).isEqualTo(init.get("PORTAL_BUCKET"));
            assertThat(compose.environment(portal).get(S3Settings.ACCESS_KEY)).isEqualTo(init.get("PORTAL_ACCESS_KEY"));
            assertThat(compose.environment(portal).get(S3Settings.SECRET_KEY)).isEqualTo(init.get("PORTAL_SECRET_KEY"));
        }

        // The code takes the settings as written, defaults in place, as S3 settings: prefix and bucket as s3-init's.
        Map<String, String> resolved = new TreeMap<>();
        environment.forEach((name, value) -> resolved.put(name, Interpolation.withDefaults(value)));
        Optional<S3Settings> settings = S3Settings.fromEnvironment(resolved);
        assertThat(settings).hasValueSatisfying(store -> {
            assertThat(store.bucket())
                    .isEqualTo(compose.variable("s3-init", "S3_BUCKET").orElseThrow());
            assertThat(store.prefix())
                    .isEqualTo(compose.variable("s3-init", "EXPORTS_PREFIX").orElseThrow());
        });

        // It starts once ClickHouse answers and the bucket and account exist, and docker stop waits for an export.
        JsonNode dependsOn = compose.service(exporter).path("depends_on");
        assertThat(dependsOn.path("clickhouse").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(dependsOn.path("s3-init").path("condition").asText()).isEqualTo("service_completed_successfully");
        assertThat(grace(compose.service(exporter).path("stop_grace_period").asText()))
                .isGreaterThan(ExportCommand.STOP_PATIENCE);
    }

    /** A size as nginx (64m) or Spring (11MB) writes it, in bytes. */
    private static long bytes(String size) {
        Matcher matcher = Pattern.compile("(\\d+)([kKmMgG]?)[bB]?").matcher(size.strip());
        assertThat(matcher.matches()).as("a size: " + size).isTrue();
        int shift = switch (matcher.group(2).toLowerCase()) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        return Long.parseLong(matcher.group(1)) << shift;
    }

    /** A Compose duration such as 1m, 90s or 1m30s. */
    private static Duration grace(String text) {
        assertThat(text).as("stop_grace_period").matches("(\\d+m)?(\\d+s)?").isNotEmpty();
        return Duration.parse("PT" + text.toUpperCase());
    }

    private static String option(String options, String prefix) {
        for (String option : options.split("\\s+")) {
            if (option.startsWith(prefix)) {
                return option.substring(prefix.length());
            }
        }
        throw new AssertionError("no " + prefix + " in " + options);
    }

    private Map<String, Integer> createdTopics() {
        Map<String, Integer> topics = new TreeMap<>();
        for (String topic :
                compose.variable("kafka-init", "TOPICS").orElseThrow().strip().split("\\s+")) {
            String[] parts = topic.split(":");
            topics.put(parts[0], Integer.parseInt(parts[1]));
        }
        return topics;
    }

    /** Each topic's own settings (name:partitions:key=value,key=value), empty where it has none. */
    private Map<String, Map<String, String>> topicSettings() {
        Map<String, Map<String, String>> topics = new TreeMap<>();
        for (String topic :
                compose.variable("kafka-init", "TOPICS").orElseThrow().strip().split("\\s+")) {
            String[] parts = topic.split(":", 3);
            Map<String, String> settings = new TreeMap<>();
            if (parts.length > 2) {
                for (String setting : parts[2].split(",")) {
                    String[] pair = setting.split("=", 2);
                    settings.put(pair[0], pair[1]);
                }
            }
            topics.put(parts[0], settings);
        }
        return topics;
    }

    /** The one server block of nginx.conf that contains this text. */
    private static String nginxServer(String containing) {
        String nginx = Repository.text(NGINX);
        List<String> servers = new ArrayList<>();
        Matcher start = Pattern.compile("(?m)^\\s*server \\{").matcher(nginx);
        while (start.find()) {
            int depth = 0;
            int end = start.end() - 1;
            do {
                char c = nginx.charAt(end++);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            } while (depth > 0);
            String server = nginx.substring(start.start(), end);
            if (server.contains(containing)) {
                servers.add(server);
            }
        }
        assertThat(servers)
                .as("server blocks of " + NGINX + " with " + containing)
                .hasSize(1);
        return servers.get(0);
    }

    private List<String> gateways() {
        return compose.servicesRunningImageOf(GATEWAY_DOCKERFILE);
    }

    private List<String> pipelineServices() {
        return compose.servicesRunningImageOf(PIPELINE_DOCKERFILE);
    }

    private List<String> exporters() {
        return compose.servicesRunningImageOf(EXPORT_DOCKERFILE);
    }

    private List<String> portals() {
        return compose.servicesRunningImageOf(PORTAL_DOCKERFILE);
    }

    private List<Interpolation.Reference> references() {
        List<Interpolation.Reference> references = new ArrayList<>();
        compose.strings().forEach(text -> references.addAll(Interpolation.references(text)));
        assertThat(references).as("the file uses variables").isNotEmpty();
        return references;
    }

    private static List<Path> provisioningFiles() throws java.io.IOException {
        Path folder = Repository.path("dashboards/provisioning");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file ->
                            file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        }
    }

    private static List<String> targets(JsonNode job) {
        List<String> targets = new ArrayList<>();
        job.path("static_configs")
                .forEach(config -> config.path("targets").forEach(target -> targets.add(target.asText())));
        return targets;
    }

    private static List<Error> schemaErrors(JsonNode document) {
        // Loaded from its file's address: the schema's own $id (compose_spec.json) is relative to it.
        // Draft 7, knowing the later annotation "deprecated" the schema marks old attributes with.
        Dialect draft7 = Dialect.builder(Dialects.getDraft7())
                .keyword(new AnnotationKeyword("deprecated"))
                .build();
        Schema schema = SchemaRegistry.withDefaultDialect(draft7)
                .getSchema(SchemaLocation.of(Repository.path(SCHEMA).toUri().toString()), Repository.json(SCHEMA));
        return schema.validate(document);
    }
}
