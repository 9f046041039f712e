package ru.noko.gateway.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** Behind the reverse proxy (NOKO_FORWARD_HEADERS=native) a form's response carries the address the proxy saw. */
@TestPropertySource(properties = "server.forward-headers-strategy=native")
class BehindAProxyTest extends SurveyPageStack {

    @LocalServerPort
    int port;

    @Test
    void theRespondentsAddressComesFromXForwardedFor() throws Exception {
        PageClient browser = new PageClient(port);
        // PageClient's posts say X-Forwarded-For: 203.0.113.7.
        HttpResponse<String> answer =
                browser.post(PAGE, PageClient.validForm(browser.get(PAGE).body()));

        assertThat(answer.statusCode()).isEqualTo(303);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(storedWithId(SurveyPageTest.receiptIn(location)))
                .singleElement()
                .satisfies(
                        stored -> assertThat(stored.getClient().getIpAddress()).isEqualTo("203.0.113.7"));
    }
}
