package ru.noko.local;

import java.nio.file.Path;
import ru.noko.devstack.kafka.KafkaCluster;
import ru.noko.local.cluster.FlinkCluster;

/**
 * {@code ./noko run --cluster}: the server deployment's topology as processes on this machine ({@link ClusterSystem}),
 * with its data in {@code .noko-cluster/}; prints where each part listens and stops everything on Ctrl-C.
 */
final class ClusterRun {

    private ClusterRun() {}

    static void run(Path home, Path gatewayJar, Path portalJar) throws Exception {
        ClusterSystem cluster = new ClusterSystem(
                new ClusterSystem.Settings(
                        home,
                        gatewayJar,
                        portalJar,
                        FlinkCluster.jobJar(Path.of("")),
                        Path.of("local-run/target/agents/jmx_prometheus_javaagent.jar"),
                        Path.of("docker-compose.yml"),
                        Path.of("deploy"),
                        true,
                        0),
                System.out::println);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("\nnoko: stopping the cluster...");
                            cluster.close();
                            System.out.println("noko: stopped.");
                        },
                        "noko-stop"));
        System.out.println("noko: starting the server topology: three Kafka brokers, ClickHouse, a Flink job manager"
                + " and two task managers with the job, two gateways, PostgreSQL and the portal, nginx, Prometheus (data in "
                + home + ")...");
        try {
            cluster.start();
        } catch (RunFailure e) {
            System.out.println("noko: " + e.getMessage());
            System.exit(1);
        } catch (Exception | Error e) {
            // Whatever part failed to start: say which, and stop the parts already running (the shutdown hook does).
            System.out.println("noko: the cluster did not start: " + e.getMessage());
            System.exit(1);
        }
        System.out.println(String.join(
                "\n",
                "",
                "noko (cluster) is running. Ctrl-C stops everything.",
                "  survey endpoint   POST " + cluster.publicUri() + "/api/v1/responses  (nginx, TLS with the"
                        + " certificate in " + home.resolve("tls") + ")",
                "  portal            " + cluster.portalUri().orElseThrow() + "  (operator login: operator, password in "
                        + home.resolve("operator.password") + ")",
                "  Prometheus        " + cluster.prometheusUri() + "  (the server's alerting rules; not run here: "
                        + String.join(", ", cluster.prometheusConfig().leftOut()) + ")",
                "  Kafka             " + cluster.kafka().bootstrapServers() + "  (" + KafkaCluster.NODES.size()
                        + " brokers, replication " + KafkaCluster.REPLICATION_FACTOR + ", min in-sync "
                        + KafkaCluster.MIN_INSYNC_REPLICAS + ")",
                "  Flink             " + cluster.flink().restUrl() + "  (a job manager and "
                        + cluster.flink().taskManagerNames().size() + " task managers, checkpoints in "
                        + cluster.flink().checkpointFolder() + ")",
                "  ClickHouse        native 127.0.0.1:" + cluster.clickHouse().tcpPort() + ", HTTP 127.0.0.1:"
                        + cluster.clickHouse().httpPort() + "  (user default, password in "
                        + home.resolve("clickhouse.password") + ")",
                "  logs              " + home
                        + "/{kafka,clickhouse/log,flink,gateway-1,gateway-2,portal,nginx,prometheus}",
                ""));
        cluster.failure().join();
        System.exit(1);
    }
}
