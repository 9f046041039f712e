package ru.noko.gateway.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import ru.noko.gateway.page.PageClient;
import ru.noko.gateway.registry.RegisteredOrganizations;

/**
 * Before the gateway has read the registry it knows no organization, so it sends no letter at all: a letter would
 * carry whatever the request named as the organization.
 */
@DirtiesContext
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "noko.pseudonym-key=test-key-0123456789-0123456789-0123456789",
            "noko.kafka.bootstrap-servers=127.0.0.1:1",
            "logging.level.org.apache.kafka=ERROR",
            "noko.campaigns-folder=src/test/resources/page-campaigns"
        })
class CodeLettersNeedTheRegistryTest {

    @LocalServerPort
    int port;

    @MockitoBean
    RegisteredOrganizations organizations;

    @MockitoBean
    CodeLetters letters;

    @Test
    void noLetterGoesOutBeforeTheRegistryIsRead() throws Exception {
        when(organizations.loaded()).thenReturn(false);
        when(organizations.find(anyString())).thenReturn(Optional.empty());

        HttpResponse<String> answer = new PageClient(port).postJson("/api/v1/email-codes", """
                {"campaignId": "test-email", "organizationId": "school-1", "email": "mama@example.ru"}""");

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        assertThat(answer.body()).contains("registry-not-read");
        verify(letters, never()).send(anyString(), anyString(), any(), anyString(), anyString());
    }
}
