package ru.noko.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Registry entries for a test's organizations, published as {@code ./noko publish} does, read by the gateway. */
final class RegistryEntries {

    private RegistryEntries() {}

    /** Publishes a general school to the run's registry and waits until the gateway serves its survey page. */
    static void publishSchool(String bootstrapServers, URI gateway, String id, String name) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(
                            LocalSettings.ORGANIZATIONS_TOPIC,
                            id,
                            "{\"organizationId\": \"" + id + "\", \"name\": \"" + name + "\", \"inn\": \"7707083893\","
                                    + " \"type\": \"general\", \"municipality\": \"г. Иркутск\","
                                    + " \"region\": \"Иркутская область\", \"contingent\": {\"parent\": 400}}"))
                    .get();
        }
        HttpClient http = HttpClient.newHttpClient();
        URI page = gateway.resolve("/s/demo-2026-noko/" + id);
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (http.send(
                                    HttpRequest.newBuilder(page)
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the gateway did not serve " + page + " within a minute of the registry entry");
    }
}
