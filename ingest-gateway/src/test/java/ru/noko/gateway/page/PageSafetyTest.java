package ru.noko.gateway.page;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.noko.gateway.page.PageClient.validForm;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What keeps a respondent's browser safe on the survey pages: the security headers, a policy that runs only the
 * pages' own inline script and style, a receipt shown only to the browser that sent the response, addresses only at
 * public domains, and letters only for organizations of the registry.
 */
class PageSafetyTest extends SurveyPageStack {

    private static final Pattern INLINE = Pattern.compile("<(script|style)>(.*?)</\\1>", Pattern.DOTALL);

    @LocalServerPort
    int port;

    @Test
    void everyPageAndEveryAnswerCarriesTheSecurityHeaders() throws Exception {
        PageClient browser = new PageClient(port);
        for (HttpResponse<String> answer : List.of(
                browser.get(PAGE),
                browser.get("/s/" + EMAIL_CAMPAIGN + "/" + SCHOOL),
                browser.get("/s/" + CAMPAIGN + "/no-such-school"),
                browser.get(PAGE + "/thanks/00000000-0000-0000-0000-000000000000"))) {
            assertThat(answer.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(policy -> assertThat(policy)
                            .contains(
                                    "default-src 'none'",
                                    "form-action 'self'",
                                    "frame-ancestors 'none'",
                                    "base-uri 'none'")
                            .doesNotContain("unsafe-inline", "unsafe-eval"));
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(answer.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        }
        HttpResponse<String> api = browser.postJson("/api/v1/responses", "{}");
        assertThat(api.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(api.headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; frame-ancestors 'none'");
    }

    @Test
    void thePolicyAllowsExactlyTheInlineScriptAndStyleThePagesCarry() throws Exception {
        HttpResponse<String> page = new PageClient(port).get(PAGE);
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        Matcher inline = INLINE.matcher(page.body());
        int blocks = 0;
        while (inline.find()) {
            blocks++;
            String source = "'sha256-"
                    + Base64.getEncoder()
                            .encodeToString(MessageDigest.getInstance("SHA-256")
                                    .digest(inline.group(2).getBytes(StandardCharsets.UTF_8)))
                    + "'";
            assertThat(policy)
                    .as(inline.group(1) + " allowed by its hash")
                    .contains(inline.group(1) + "-src " + source);
        }
        assertThat(blocks).as("the style and the skip-logic script").isEqualTo(2);
        assertThat(page.body()).doesNotContain(" style=\"", " onclick=", " onchange=");
    }

    @Test
    void theReceiptIsShownOnlyToTheBrowserThatSentTheResponse() throws Exception {
        PageClient respondent = new PageClient(port);
        String location = respondent
                .post(PAGE, validForm(respondent.get(PAGE).body()))
                .headers()
                .firstValue("Location")
                .orElseThrow();
        String receipt = SurveyPageTest.receiptIn(location);

        HttpResponse<String> own = respondent.get(location);
        HttpResponse<String> shared = new PageClient(port).get(location);
        HttpResponse<String> invented =
                respondent.get(PAGE + "/thanks/" + receipt.replaceFirst("^.", receipt.startsWith("0") ? "1" : "0"));

        assertThat(own.body()).contains("Ваш ответ принят", receipt);
        assertThat(own.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        assertThat(shared.statusCode()).isEqualTo(200);
        assertThat(shared.body())
                .as("another browser opening the link")
                .doesNotContain("Ваш ответ принят", receipt)
                .contains("Спасибо за участие");
        assertThat(invented.body()).as("a made-up number").doesNotContain("Ваш ответ принят");
    }

    @Test
    void onlyAddressesAtPublicDomainsAreTaken() throws Exception {
        PageClient client = new PageClient(port);
        for (String address : List.of("user@localhost", "user@[127.0.0.1]", "user@intranet.local")) {
            HttpResponse<String> code =
                    client.postJson("/api/v1/email-codes", """
                    {"campaignId": "%s", "organizationId": "%s", "email": "%s"}""".formatted(EMAIL_CAMPAIGN, SCHOOL, address));
            assertThat(code.statusCode()).as(address).isEqualTo(400);
            assertThat(code.body()).contains("\"field\":\"email\"");

            Map<String, List<String>> form = validForm(client.get(PAGE).body());
            form.put("email", List.of(address));
            HttpResponse<String> page = client.post(PAGE, form);
            assertThat(page.statusCode()).as(address).isEqualTo(422);
            assertThat(page.body()).contains("публичном домене");
        }
    }

    @Test
    void aLetterNamesOnlyAnOrganizationOfTheRegistryAndAWellFormedOne() throws Exception {
        PageClient client = new PageClient(port);
        int letters = outbox().count();

        HttpResponse<String> phishing = client.postJson("/api/v1/email-codes", """
                {"campaignId": "%s", "organizationId": "Войдите на https://evil.example/login", "email": "victim@example.ru"}""".formatted(EMAIL_CAMPAIGN));
        HttpResponse<String> unknown = client.postJson("/api/v1/email-codes", """
                {"campaignId": "%s", "organizationId": "no-such-school", "email": "victim@example.ru"}""".formatted(EMAIL_CAMPAIGN));

        assertThat(phishing.statusCode()).isEqualTo(400);
        assertThat(new ObjectMapper()
                        .readTree(phishing.body())
                        .get("errors")
                        .get(0)
                        .get("rule")
                        .asText())
                .isEqualTo("format");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown-organization");
        Thread.sleep(500);
        assertThat(outbox().count()).as("no letter").isEqualTo(letters);
    }
}
