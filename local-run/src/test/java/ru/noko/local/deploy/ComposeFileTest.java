package ru.noko.local.deploy;

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

/**
 * The server deployment (docker-compose.yml) is a valid Compose file and agrees with the code: the topics, database,
 * ports and NOKO_* variables it names are the ones the code uses, every variable is documented in .env.example, no
 * secret is written down, images are pinned, state lives in named volumes, everything restarts and reports its
 * health, Prometheus scrapes what exposes metrics, the exporter keeps its exports where MinIO's bucket is made.
 */
class ComposeFileTest {

    private static final String SCHEMA = "deploy/compose-spec.json";
    private static final String PROMETHEUS = "deploy/prometheus/prometheus.yml";
    private static final String NGINX = "deploy/nginx/nginx.conf";
    private static final String GATEWAY_DOCKERFILE = "ingest-gateway/Dockerfile";
    private static final String PIPELINE_DOCKERFILE = "pipeline/Dockerfile";
    private static final String EXPORT_DOCKERFILE = "export/Dockerfile";
    private static final String DASHBOARDS = "/var/lib/grafana/dashboards";
    private static final Pattern SECRET = Pattern.compile(".*(PASSWORD|SECRET|_KEY)$");

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
        assertThat(created.keySet()).as("topics kafka-init creates").isEqualTo(used);
        assertThat(created).containsEntry(CodeSettings.pipelineDefaults().responsesTopic(), LocalSettings.PARTITIONS);
        assertThat(created.values()).allMatch(partitions -> partitions >= 1);
    }

    @Test
    void servicesNameTheTopicsTheCodeReadsAndWrites() {
        for (String gateway : gateways()) {
            CodeSettings.gatewayTopics()
                    .forEach((variable, topic) -> assertThat(compose.variable(gateway, variable))
                            .as(gateway + " " + variable)
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
        // ClickHouse's native protocol (the JDBC driver, the migrations): the pipeline's default port, served there.
        int clickHouse = defaults.clickHouse().port();
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
            // The pipeline's account, which wrote the tables: the same user and password.
            for (String account : List.of("NOKO_CLICKHOUSE_USER", "NOKO_CLICKHOUSE_PASSWORD")) {
                assertThat(compose.environment(exporter).get(account))
                        .as(exporter + " " + account)
                        .isEqualTo(compose.environment("jobmanager").get(account));
            }
        }

        // Kafka: the broker's listener for the other containers on the port the code defaults to.
        int kafka = CodeSettings.port(defaults.kafkaBootstrapServers());
        assertThat(CodeSettings.port(CodeSettings.gatewayVariables().get("NOKO_KAFKA_BOOTSTRAP")))
                .isEqualTo(kafka);
        String broker = compose.servicesOfImage("apache/kafka").stream()
                .filter(name -> compose.environment(name).containsKey("KAFKA_PROCESS_ROLES"))
                .findFirst()
                .orElseThrow();
        assertThat(compose.variable(broker, "KAFKA_ADVERTISED_LISTENERS").orElseThrow())
                .contains("PLAINTEXT://" + broker + ":" + kafka);
        List<String> clients = new ArrayList<>(gateways());
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
    }

    @Test
    void everyNokoVariableTheFileSetsIsOneTheCodeReads() {
        Set<String> gatewayReads = CodeSettings.gatewayVariables().keySet();
        Set<String> pipelineReads = CodeSettings.pipelineVariables();
        assertThat(pipelineReads).contains("NOKO_CLICKHOUSE_PASSWORD", "NOKO_CHECKPOINT_DIR"); // the recording works
        Set<String> exporterReads = CodeSettings.exporterVariables();
        assertThat(exporterReads).contains("NOKO_CLICKHOUSE_PASSWORD", "NOKO_EXPORTS_DIR", S3Settings.SECRET_KEY);
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
            } else {
                assertThat(set)
                        .as("NOKO_* variables of " + service + ", which runs no noko code")
                        .isEmpty();
            }
        }
        Set<String> known = new TreeSet<>(gatewayReads);
        known.addAll(pipelineReads);
        known.addAll(exporterReads);
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
            String image = Interpolation.withDefaults(
                    compose.service(service).path("image").asText());
            assertThat(image).as(service + " names its image").isNotEmpty();
            assertThat(ComposeFile.imageTag(image))
                    .as(service + " image " + image + " has a version tag")
                    .hasValueSatisfying(
                            tag -> assertThat(tag).isNotEqualTo("latest").containsPattern("[0-9]"));
        }
        // The broker runs the Kafka version the clients are built with.
        for (String kafka : compose.servicesOfImage("apache/kafka")) {
            assertThat(ComposeFile.imageTag(compose.service(kafka).path("image").asText()))
                    .contains(CodeSettings.pomProperty("kafka.version"));
        }
    }

    @Test
    void everyStatefulServiceKeepsItsDataInANamedVolume() {
        Map<String, String> dataDirectories = new TreeMap<>();
        compose.servicesOfImage("clickhouse/clickhouse-server")
                .forEach(name -> dataDirectories.put(name, "/var/lib/clickhouse"));
        compose.servicesOfImage("grafana/grafana").forEach(name -> dataDirectories.put(name, "/var/lib/grafana"));
        for (String kafka : compose.servicesOfImage("apache/kafka")) {
            compose.variable(kafka, "KAFKA_LOG_DIRS").ifPresent(directory -> dataDirectories.put(kafka, directory));
        }
        for (String minio : compose.servicesOfImage("minio/minio")) {
            JsonNode command = compose.service(minio).path("command");
            assertThat(command.path(0).asText()).isEqualTo("server");
            dataDirectories.put(minio, command.path(1).asText());
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
                        "kafka",
                        "minio",
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
                .contains("kafka-init", "minio-init")
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
    void onlyTheProxyAndGrafanaArePublishedBeyondTheServer() {
        for (String service : compose.serviceNames()) {
            for (var port : compose.service(service).path("ports")) {
                if (!List.of("proxy", "grafana").contains(service)) {
                    assertThat(port.asText()).as(service + " publishes " + port).startsWith("127.0.0.1:");
                }
            }
        }
        for (String gateway : gateways()) {
            assertThat(compose.service(gateway).path("ports"))
                    .as(gateway + " is reached through the proxy")
                    .isEmpty();
            assertThat(compose.variable(gateway, "NOKO_GATEWAY_ADDRESS"))
                    .as("inside its container, for the proxy")
                    .contains("0.0.0.0");
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
        String nginx = Repository.text(NGINX);
        // Set, not appended to: a client's own X-Forwarded-For would otherwise be the address the gateway takes.
        assertThat(nginx).contains("proxy_set_header X-Forwarded-For $remote_addr;");
        assertThat(nginx)
                .contains("location /api/", "location /s/", "location /admin/")
                .doesNotContain("location /actuator");
        assertThat(compose.bindMounts("proxy")).containsEntry(NGINX, "/etc/nginx/nginx.conf");
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
        String plugins = environment.get("GF_INSTALL_PLUGINS");
        assertThat(plugins)
                .as("the ClickHouse plugin, pinned")
                .matches("grafana-clickhouse-datasource \\d+\\.\\d+\\.\\d+");
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
                if (type.endsWith("-datasource")) {
                    assertThat(plugins).as(relative + " uses plugin " + type).startsWith(type + " ");
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

        // bench/throughput.sh runs the job's task manager with the heap, young generation and collector that
        // BENCHMARKS.md measured; the task managers here get the same.
        Matcher bench = Pattern.compile("BENCH_JVM_OPTS:-([^}]*)}").matcher(Repository.text("bench/throughput.sh"));
        assertThat(bench.find()).as("bench/throughput.sh's default JVM options").isTrue();
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
    void theExporterRunsTheScheduleAndUploadsIntoTheBucketMinioInitMakesWithTheAccountItMakes() {
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

        // MinIO's S3 API, inside the network, on the port the minio service serves it.
        String minio = compose.servicesOfImage("minio/minio").get(0);
        int api = compose.publishedContainerPorts(minio).get(0);
        assertThat(compose.variable(exporter, S3Settings.ENDPOINT)).contains("http://" + minio + ":" + api);

        // The bucket, prefix and account are the ones minio-init makes, written the same way (the same .env setting).
        Map<String, String> init = compose.environment("minio-init");
        assertThat(environment.get(S3Settings.BUCKET)).isEqualTo(init.get("MINIO_BUCKET"));
        assertThat(environment.get(S3Settings.PREFIX)).isEqualTo(init.get("EXPORTS_PREFIX"));
        assertThat(environment.get(S3Settings.ACCESS_KEY)).isEqualTo(init.get("EXPORTER_ACCESS_KEY"));
        assertThat(environment.get(S3Settings.SECRET_KEY)).isEqualTo(init.get("EXPORTER_SECRET_KEY"));
        String script = compose.service("minio-init").path("entrypoint").path(1).asText();
        assertThat(compose.bindMounts("minio-init")).containsValue(script);
        String scriptFile = compose.bindMounts("minio-init").entrySet().stream()
                .filter(mount -> mount.getValue().equals(script))
                .findFirst()
                .orElseThrow()
                .getKey();
        assertThat(Repository.text(scriptFile))
                .contains(
                        "$MINIO_BUCKET",
                        "$EXPORTS_PREFIX",
                        "$EXPORTER_ACCESS_KEY",
                        "$EXPORTER_SECRET_KEY",
                        "mc admin user add",
                        "mc admin policy attach");

        // The code takes the settings as written, defaults in place, as S3 settings: prefix and bucket as minio-init's.
        Map<String, String> resolved = new TreeMap<>();
        environment.forEach((name, value) -> resolved.put(name, Interpolation.withDefaults(value)));
        Optional<S3Settings> settings = S3Settings.fromEnvironment(resolved);
        assertThat(settings).hasValueSatisfying(s3 -> {
            assertThat(s3.bucket())
                    .isEqualTo(compose.variable("minio-init", "MINIO_BUCKET").orElseThrow());
            assertThat(s3.prefix())
                    .isEqualTo(compose.variable("minio-init", "EXPORTS_PREFIX").orElseThrow());
        });

        // It starts once ClickHouse answers and the bucket and account exist, and docker stop waits for an export.
        JsonNode dependsOn = compose.service(exporter).path("depends_on");
        assertThat(dependsOn.path("clickhouse").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(dependsOn.path("minio-init").path("condition").asText()).isEqualTo("service_completed_successfully");
        assertThat(grace(compose.service(exporter).path("stop_grace_period").asText()))
                .isGreaterThan(ExportCommand.STOP_PATIENCE);
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
            String[] pair = topic.split(":");
            topics.put(pair[0], Integer.parseInt(pair[1]));
        }
        return topics;
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
