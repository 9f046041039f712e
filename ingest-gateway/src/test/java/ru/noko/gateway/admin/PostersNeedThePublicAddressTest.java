package ru.noko.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import ru.noko.gateway.registry.RegisteredOrganizations;
import ru.noko.methodology.registry.OrganizationType;

/**
 * A poster's link comes from {@code NOKO_PUBLIC_URL} only: without it there are no posters, whatever {@code Host} a
 * request names (a link to an address anyone can put in a header would lead respondents anywhere).
 */
@DirtiesContext
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "noko.pseudonym-key=test-key-0123456789-0123456789-0123456789",
            "noko.kafka.bootstrap-servers=127.0.0.1:1",
            "logging.level.org.apache.kafka=ERROR",
            "noko.admin.password=the-operators-password",
            "noko.site.public-url="
        })
class PostersNeedThePublicAddressTest {

    @LocalServerPort
    int port;

    @MockitoBean
    RegisteredOrganizations organizations;

    @Test
    void withoutThePublicAddressThereAreNoPostersWhateverTheHostHeaderSays() throws Exception {
        RegisteredOrganizations.Organization school = new RegisteredOrganizations.Organization(
                "school-1", "МБОУ СОШ № 1", Optional.of(OrganizationType.GENERAL), "г. Иркутск", "Иркутская область");
        when(organizations.loaded()).thenReturn(true);
        when(organizations.find("school-1")).thenReturn(Optional.of(school));
        when(organizations.all()).thenReturn(List.of(school));

        HttpResponse<String> poster = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                        + "/admin/campaigns/demo-2026-noko/posters/school-1.pdf"))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString("region:the-operators-password"
                                                                .getBytes(StandardCharsets.UTF_8)))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(poster.statusCode()).isEqualTo(503);
        assertThat(poster.body()).contains("no-public-url", "NOKO_PUBLIC_URL");
    }
}
