package ru.noko.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import ru.noko.devstack.kafka.KafkaBroker;
import ru.noko.devstack.process.ChildProcess;
import ru.noko.local.GatewayProcess;
import ru.noko.local.LocalSettings;
import ru.noko.local.LocalSystem;

/** The services under test: the gateway's URL and process, and the responses topic to count. */
interface GatewayServices extends AutoCloseable {
    String url();

    ProcessHandle gateway();

    long recordsOnTopic() throws Exception;

    /** Kafka's bootstrap servers. */
    String bootstrapServers();

    /**
     * Publishes registry entries for bench-org-0 … bench-org-(n-1) to the organizations topic and waits until the
     * gateway serves the last one's page.
     */
    default void publishRegistry(int organizations) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new StringSerializer())) {
            for (int o = 0; o < organizations; o++) {
                producer.send(new ProducerRecord<>(
                        LocalSettings.ORGANIZATIONS_TOPIC,
                        "bench-org-" + o,
                        "{\"organizationId\": \"bench-org-" + o + "\", \"name\": \"Школа № " + o
                                + "\", \"inn\": \"7707083893\", \"type\": \"general\", \"municipality\": \"Город\","
                                + " \"region\": \"Регион\", \"contingent\": {\"parent\": 500, \"student\": 250}}"));
            }
        }
        HttpClient http = HttpClient.newHttpClient();
        URI last = URI.create(url() + "/s/demo-2026-noko/bench-org-" + (organizations - 1));
        for (int attempt = 0; attempt < 300; attempt++) {
            if (http.send(HttpRequest.newBuilder(last).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the gateway did not serve " + last + " within 30 s of the registry");
    }

    @Override
    void close();

    static GatewayServices gatewayAndKafka(Path home, Path jar, String pseudonymKey) {
        KafkaBroker kafka = KafkaBroker.onFreePorts(home.resolve("kafka")).start();
        kafka.createTopic(LocalSettings.TOPIC, 4);
        kafka.createTopic(LocalSettings.ORGANIZATIONS_TOPIC, 1);
        int port = ChildProcess.freePort();
        ChildProcess gateway = GatewayProcess.start(
                jar,
                home.resolve("gateway"),
                port,
                Map.of(
                        "NOKO_KAFKA_BOOTSTRAP",
                        kafka.bootstrapServers(),
                        "NOKO_RESPONSES_TOPIC",
                        LocalSettings.TOPIC,
                        "NOKO_PSEUDONYM_KEY",
                        pseudonymKey));
        return new GatewayServices() {
            @Override
            public String url() {
                return "http://127.0.0.1:" + port;
            }

            @Override
            public ProcessHandle gateway() {
                return gateway.handle();
            }

            @Override
            public long recordsOnTopic() {
                return TopicRecords.count(kafka.bootstrapServers(), LocalSettings.TOPIC);
            }

            @Override
            public String bootstrapServers() {
                return kafka.bootstrapServers();
            }

            @Override
            public void close() {
                gateway.stop();
                kafka.stop();
            }
        };
    }

    static GatewayServices wholeSystem(Path home, Path jar, String pseudonymKey) throws Exception {
        LocalSettings settings = LocalSettings.onFreePorts(
                home.resolve("system"),
                jar,
                Path.of(System.getProperty("noko.portalJar", "missing")).toAbsolutePath(),
                "noko_gateway_bench",
                4,
                pseudonymKey);
        LocalSystem system = new LocalSystem(settings).start();
        return new GatewayServices() {
            @Override
            public String url() {
                return system.gatewayUri().toString();
            }

            @Override
            public ProcessHandle gateway() {
                return system.gatewayProcess();
            }

            @Override
            public long recordsOnTopic() {
                return TopicRecords.count(system.kafkaBootstrapServers(), LocalSettings.TOPIC);
            }

            @Override
            public String bootstrapServers() {
                return system.kafkaBootstrapServers();
            }

            @Override
            public void close() {
                system.close();
            }
        };
    }
}
