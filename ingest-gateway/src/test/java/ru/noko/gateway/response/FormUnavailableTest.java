package ru.noko.gateway.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import ru.noko.gateway.page.PageClient;
import ru.noko.gateway.page.SchoolInTheRegistry;
import ru.noko.gateway.registry.RegisteredOrganizations;
import ru.noko.gateway.system.BrokerUnavailableException;

/**
 * The survey page's form when Kafka does not take the response: the form comes back (503, Retry-After) with every
 * answer kept under the same key, says nothing was stored, and the same form sent again once Kafka is back is stored.
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
class FormUnavailableTest {

    private static final String PAGE = "/s/demo-2026-noko/school-1";

    @LocalServerPort
    int port;

    @MockitoBean
    ResponsePublisher publisher;

    @MockitoBean
    RegisteredOrganizations organizations;

    @Test
    void aFormKafkaDidNotTakeComesBackWithItsAnswersAndIsStoredWhenSentAgain() throws Exception {
        SchoolInTheRegistry.schoolOne(organizations);
        when(publisher.publish(any()))
                .thenReturn(CompletableFuture.failedFuture(new BrokerUnavailableException("no broker", null)));
        PageClient client = new PageClient(port);
        Map<String, List<String>> form = PageClient.validForm(client.get(PAGE).body());

        HttpResponse<String> refused = client.post(PAGE, form, null);

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("7");
        String html = refused.body();
        assertThat(html).contains("Ответы не сохранены", "отправьте их ещё раз через 7 с.");
        assertThat(PageClient.field(PageClient.KEY, html))
                .as("the same key: sending again is the same submission")
                .isEqualTo(form.get("idempotencyKey").get(0));
        assertThat(html)
                .as("the answers kept")
                .contains("id=\"a-q1-false\" value=\"false\" checked", ">Больше кружков</textarea>", "value=\"38\"");

        when(publisher.publish(any())).thenReturn(CompletableFuture.completedFuture(null));
        HttpResponse<String> stored = client.post(PAGE, form, null);

        assertThat(stored.statusCode()).isEqualTo(303);
        assertThat(stored.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).startsWith(PAGE + "/thanks/"));
    }
}
