package ru.noko.gateway.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import ru.noko.gateway.page.PageClient;
import ru.noko.gateway.page.SchoolInTheRegistry;
import ru.noko.gateway.registry.RegisteredOrganizations;
import ru.noko.gateway.system.KafkaState;

/**
 * The survey page's form while Kafka is known to be down (here there is none, and the real producer): the form comes
 * back at once (503, Retry-After, every answer kept), not after the producer waited for Kafka.
 */
@DirtiesContext
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "noko.pseudonym-key=test-key-0123456789-0123456789-0123456789",
            "noko.kafka.bootstrap-servers=127.0.0.1:1",
            // No broker on purpose: its clients' reconnect warnings, once a second, would say nothing.
            "logging.level.org.apache.kafka=ERROR",
            "noko.kafka.retry-after=7s"
        })
class FormWhileKafkaDownTest {

    private static final String PAGE = "/s/demo-2026-noko/school-1";

    @LocalServerPort
    int port;

    @MockitoBean
    RegisteredOrganizations organizations;

    @Autowired
    KafkaState kafka;

    @Test
    void aFormSentWhileKafkaIsKnownDownComesBackAtOnceWithItsAnswers() throws Exception {
        SchoolInTheRegistry.schoolOne(organizations);
        PageClient client = new PageClient(port);
        Map<String, List<String>> form = PageClient.validForm(client.get(PAGE).body());
        awaitKnownDown();
        assertThat(client.get("/actuator/health/readiness").statusCode()).isEqualTo(503);

        // The first post of a fresh gateway loads and compiles the whole path (seconds on a loaded machine): not
        // timed, but refused too.
        HttpResponse<String> refused = client.post(PAGE, form, null);
        assertThat(refused.statusCode()).isEqualTo(503);
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            refused = client.post(PAGE, form, null);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.println("the form's 503 while Kafka is down answered in " + took.toMillis() + " ms");
            assertThat(refused.statusCode()).isEqualTo(503);
            // Typically tens of milliseconds; 2 s allowed for a loaded two-core machine. Without the refusal the
            // producer held the page for 5 s waiting for Kafka's metadata, then 503.
            assertThat(took)
                    .as("at once, not after the producer's wait for Kafka")
                    .isLessThan(Duration.ofSeconds(2));
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("7");
        }
        String html = refused.body();
        assertThat(html)
                .contains(
                        "Хранилище ответов сейчас недоступно.",
                        "Ответы не сохранены",
                        "отправьте их ещё раз через 7 с.");
        assertThat(PageClient.field(PageClient.KEY, html))
                .as("the same key: sending again is the same submission")
                .isEqualTo(form.get("idempotencyKey").get(0));
        assertThat(html)
                .as("the answers kept")
                .contains("id=\"a-q1-false\" value=\"false\" checked", ">Больше кружков</textarea>", "value=\"38\"");
    }

    /** Known down once the background check found no Kafka twice in a row (about two seconds). */
    private void awaitKnownDown() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!kafka.down() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(kafka.down()).as("Kafka known to be down").isTrue();
    }
}
