package ru.noko.gateway.questionnaire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.reactive.WebFluxTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import ru.noko.devstack.DevStack;
import ru.noko.devstack.kafka.KafkaBroker;
import ru.noko.gateway.campaign.LiveCampaigns;
import ru.noko.gateway.crosssite.SubmissionTokens;
import ru.noko.gateway.registry.RegisteredOrganizations;
import ru.noko.gateway.system.ApiErrorWriter;
import ru.noko.gateway.system.KafkaSettings;
import ru.noko.gateway.system.SiteSettings;
import ru.noko.schemas.privacy.Pseudonymizer;

/**
 * The API's questionnaire route alone, as a WebFlux slice: the route, its handler and what it reads (the campaigns, a
 * registry read from a real Kafka topic, the submission tokens), without the producer, the pages or the e-mail step
 * the whole gateway starts. What a client other than the survey page gets: the questionnaire with a token its
 * response verifies with, or a problem naming the field and the rule.
 */
@WebFluxTest
@Import({
    QuestionnaireRoutes.class,
    QuestionnaireHandler.class,
    LiveCampaigns.class,
    RegisteredOrganizations.class,
    SubmissionTokens.class,
    ApiErrorWriter.class,
    QuestionnaireRouteTest.Keys.class
})
class QuestionnaireRouteTest {

    private static final String ORGANIZATIONS = "questionnaire-route.organizations";
    private static final String SCHOOL = "route-school-1";
    private static final String DEVICE = "route-device-0123456789";

    @Autowired
    WebTestClient client;

    @Autowired
    RegisteredOrganizations registry;

    @Autowired
    SubmissionTokens tokens;

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties({KafkaSettings.class, SiteSettings.class})
    static class Keys {
        @Bean
        Pseudonymizer pseudonymizer(@Value("${noko.pseudonym-key}") String key) {
            return new Pseudonymizer(key);
        }

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry properties) {
        KafkaBroker kafka = broker();
        properties.add("noko.kafka.bootstrap-servers", kafka::bootstrapServers);
        properties.add("noko.kafka.organizations-topic", () -> ORGANIZATIONS);
        properties.add("noko.pseudonym-key", () -> "route-key-0123456789-0123456789-0123456789");
        properties.add(
                "noko.campaigns-folder",
                () -> Path.of("src/test/resources/page-campaigns")
                        .toAbsolutePath()
                        .toString());
    }

    private static KafkaBroker broker;

    /** The test JVM's broker, with a registry of one school published once. */
    private static synchronized KafkaBroker broker() {
        if (broker == null) {
            broker = DevStack.kafka();
            broker.createTopic(ORGANIZATIONS, 1);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                    new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>(ORGANIZATIONS, SCHOOL, """
                                {"organizationId": "%s", "name": "МБОУ «Школа № 1»", "inn": "3808012345",
                                 "type": "general", "municipality": "г. Иркутск", "region": "Иркутская область",
                                 "contingent": {"parent": 420}}
                                """.formatted(SCHOOL)))
                        .get();
            } catch (Exception e) {
                throw new IllegalStateException("could not publish the registry", e);
            }
        }
        return broker;
    }

    @BeforeEach
    void registryRead() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (registry.find(SCHOOL).isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(registry.find(SCHOOL)).as("the registry is read").isPresent();
    }

    @Test
    void aSchoolInTheRegistryGetsTheQuestionnaireAndATokenItsResponseVerifiesWith() {
        JsonNode body = client.get()
                .uri("/api/v1/surveys/demo-2026-noko/{organization}?deviceToken={device}", SCHOOL, DEVICE)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("Cache-Control", "no-store")
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();

        assertThat(body.get("organizationName").asText()).isEqualTo("МБОУ «Школа № 1»");
        assertThat(body.at("/questionnaire/id").asText()).isEqualTo("noko-education");
        assertThat(tokens.check(body.get("submissionToken").asText(), "demo-2026-noko", SCHOOL, DEVICE, Instant.now()))
                .isInstanceOf(SubmissionTokens.Check.Valid.class);
    }

    @Test
    void anUnknownCampaignOrOrganizationIs404NamingTheField() {
        problem("/api/v1/surveys/no-such-campaign/" + SCHOOL, 404, "campaignId", "unknown-campaign");
        problem("/api/v1/surveys/demo-2026-noko/no-such-school", 404, "organizationId", "unknown-organization");
    }

    @Test
    void aMalformedIdOrDeviceTokenIs400NamingTheRule() {
        problem("/api/v1/surveys/demo-2026-noko/" + SCHOOL + "?deviceToken=short", 400, "deviceToken", "format");
        problem("/api/v1/surveys/demo-2026-noko/-bad-", 400, "organizationId", "format");
    }

    @Test
    void outsideTheWindowOfTheOrganizationsTypeIs403() {
        problem("/api/v1/surveys/test-windows/" + SCHOOL, 403, "campaignId", "campaign-closed");
    }

    private void problem(String uri, int status, String field, String rule) {
        JsonNode problem = client.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(problem.at("/errors/0/field").asText()).as(uri).isEqualTo(field);
        assertThat(problem.at("/errors/0/rule").asText()).as(uri).isEqualTo(rule);
    }
}
