package ru.noko.gateway.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import ru.noko.gateway.registry.RegisteredOrganizations;

/**
 * Behind a balancer that ends TLS the gateway itself sees plain HTTP; the device cookie is Secure all the same,
 * because the public address respondents reach is {@code https://}.
 */
@DirtiesContext
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "noko.pseudonym-key=test-key-0123456789-0123456789-0123456789",
            "noko.kafka.bootstrap-servers=127.0.0.1:1",
            "logging.level.org.apache.kafka=ERROR",
            "noko.site.public-url=https://anketa.example.ru"
        })
class SecureCookieTest {

    @LocalServerPort
    int port;

    @MockitoBean
    RegisteredOrganizations organizations;

    @Test
    void theDeviceCookieIsSecureWhenRespondentsComeOverHttps() throws Exception {
        SchoolInTheRegistry.schoolOne(organizations);

        HttpResponse<String> page = new PageClient(port).get("/s/demo-2026-noko/school-1");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Set-Cookie"))
                .hasValueSatisfying(
                        cookie -> assertThat(cookie).startsWith("noko_device=").contains("; Secure"));
    }
}
