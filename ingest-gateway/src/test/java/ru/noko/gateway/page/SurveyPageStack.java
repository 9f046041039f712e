package ru.noko.gateway.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import ru.noko.devstack.DevStack;
import ru.noko.devstack.kafka.KafkaBroker;
import ru.noko.devstack.mail.LocalOutbox;
import ru.noko.gateway.registry.RegisteredOrganizations;
import ru.noko.schemas.avro.SurveyResponse;
import ru.noko.schemas.response.SurveyResponseCodec;

/**
 * A real gateway on a real Kafka broker whose registry has one school, published before the gateway starts, as
 * {@code ./noko run --demo} does. The page tests share it (one Spring context, one broker).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class SurveyPageStack {

    static final String RESPONSES = "page-test.survey-responses";
    static final String ORGANIZATIONS = "page-test.organizations";
    static final String SCHOOL = "test-school-1";
    static final String SCHOOL_NAME = "МБОУ «Средняя общеобразовательная школа № 1» г. Иркутска";
    static final String CAMPAIGN = "demo-2026-noko";
    static final String PAGE = "/s/" + CAMPAIGN + "/" + SCHOOL;
    static final String KINDERGARTEN = "test-kindergarten-5";
    /** A campaign of the tests' own (src/test/resources/page-campaigns) whose windows are all closed today. */
    static final String WINDOWED_CAMPAIGN = "test-windows";

    /** Where respondents reach the pages, as the posters print it: not the address the tests send to. */
    static final String PUBLIC_URL = "http://anketa.example.ru";

    /** A campaign of the tests' own that asks for a confirmed e-mail. */
    static final String EMAIL_CAMPAIGN = "test-email";

    private static KafkaBroker broker;
    private static LocalOutbox outbox;

    @Autowired
    RegisteredOrganizations organizations;

    /** A gateway that has just started may not have read the registry yet (its pages answer 503 meanwhile). */
    @BeforeEach
    void registryRead() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!(organizations.loaded() && organizations.find(KINDERGARTEN).isPresent())
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(organizations.find(SCHOOL)).as("the registry is read").isPresent();
    }

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        KafkaBroker kafka = broker();
        registry.add("noko.kafka.bootstrap-servers", kafka::bootstrapServers);
        registry.add("noko.kafka.responses-topic", () -> RESPONSES);
        registry.add("noko.kafka.organizations-topic", () -> ORGANIZATIONS);
        registry.add("noko.kafka.delivery-timeout", () -> "5s");
        registry.add("noko.pseudonym-key", () -> "test-key-0123456789-0123456789-0123456789");
        registry.add("noko.site.public-url", () -> PUBLIC_URL);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> outbox().port());
        registry.add(
                "noko.campaigns-folder",
                () -> Path.of("src/test/resources/page-campaigns")
                        .toAbsolutePath()
                        .toString());
    }

    /** The mail server the gateway sends its codes to: letters land in a folder and in memory. */
    static synchronized LocalOutbox outbox() {
        if (outbox == null) {
            outbox = LocalOutbox.start(DevStack.scratch("outbox"), 0);
            Runtime.getRuntime().addShutdownHook(new Thread(outbox::close, "stop-outbox"));
        }
        return outbox;
    }

    /** The test JVM's broker, with the topics and the registry made once for every page test. */
    static synchronized KafkaBroker broker() {
        if (broker == null) {
            broker = DevStack.kafka();
            broker.createTopic(RESPONSES, 3);
            broker.createTopic(ORGANIZATIONS, 1);
            publishRegistryEntry(broker, """
                    {"organizationId": "%s", "name": "%s", "inn": "3808012345", "type": "general",
                     "municipality": "г. Иркутск", "region": "Иркутская область", "contingent": {"parent": 420}}
                    """.formatted(SCHOOL, SCHOOL_NAME.replace("\"", "\\\"")));
            publishRegistryEntry(broker, """
                    {"organizationId": "%s", "name": "МБДОУ «Детский сад № 5»", "inn": "3808012346", "type": "preschool",
                     "municipality": "г. Иркутск", "region": "Иркутская область", "contingent": {"parent": 90}}
                    """.formatted(KINDERGARTEN));
        }
        return broker;
    }

    private static void publishRegistryEntry(KafkaBroker kafka, String json) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(ORGANIZATIONS, "registry", json)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish the registry", e);
        }
    }

    /** Every response on the responses topic with this id. */
    static List<SurveyResponse> storedWithId(String responseId) {
        return storedWhere(response -> response.getResponseId().equals(responseId));
    }

    /** Every response on the responses topic that matches. */
    static List<SurveyResponse> storedWhere(java.util.function.Predicate<SurveyResponse> wanted) {
        List<SurveyResponse> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker().bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "page-test-" + System.nanoTime(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(RESPONSES));
            Instant deadline = Instant.now().plusSeconds(20);
            boolean seenAny = false;
            while (Instant.now().isBefore(deadline)) {
                var records = consumer.poll(Duration.ofMillis(500));
                records.forEach(record -> {
                    SurveyResponse response = new SurveyResponseCodec().decode(record.value());
                    if (wanted.test(response)) {
                        found.add(response);
                    }
                });
                if (seenAny && records.isEmpty()) {
                    break;
                }
                seenAny |= !records.isEmpty();
            }
        }
        return found;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
