package ru.noko.portal.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import ru.noko.portal.PortalBrowser;
import ru.noko.portal.PortalBrowser.Attached;
import ru.noko.portal.PortalStack;
import ru.noko.portal.TestData;
import ru.noko.portal.TestFiles;

/**
 * Organized sessions through the portal's pages: the class's address prefilled from the request, the order checked
 * (a PDF, whole, unencrypted, at most 20 pages), a session that is over refused, and registering, changing and
 * cancelling each published on the sessions topic as the anti-fraud checks read it; the order served to its
 * organization and the operator only.
 */
class SessionPagesTest extends PortalStack {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId CAMPAIGN_ZONE = ZoneId.of("Europe/Moscow");

    @Autowired
    OrganizedSessions sessions;

    @Test
    void theAddressIsPrefilledAndEveryBadOrderOrTimeIsRefusedWithItsMessage() throws Exception {
        PortalBrowser school = signedIn(TestData.SCHOOL_A);
        assertThat(school.get("/organization/sessions").body()).contains("value=\"127.0.0.1\"");

        Map<String, byte[]> orders = Map.of(
                "photo.pdf", TestFiles.jpeg(100, 100),
                "secret.pdf", TestFiles.pdf(1, "пароль"),
                "long.pdf", TestFiles.pdf(21, null));
        Map<String, String> messages = Map.of(
                "photo.pdf", "не является документом PDF",
                "secret.pdf", "зашифрован или защищён паролем",
                "long.pdf", "допускается не более 20");
        for (Map.Entry<String, byte[]> order : orders.entrySet()) {
            HttpResponse<String> answer = school.multipart(
                    "/organization/sessions",
                    tomorrow(25),
                    Map.of("order", new Attached(order.getKey(), order.getValue())));
            assertThat(answer.statusCode()).as(order.getKey()).isEqualTo(200);
            assertThat(answer.body()).as(order.getKey()).contains(messages.get(order.getKey()));
        }

        Map<String, String> over = tomorrow(25);
        over.put("date", LocalDate.now(CAMPAIGN_ZONE).minusDays(1).toString());
        assertThat(school.multipart("/organization/sessions", over, order()).body())
                .contains("уже закончилась");
        Map<String, String> endless = tomorrow(25);
        endless.put("start", "06:00");
        endless.put("end", "19:00");
        assertThat(school.multipart("/organization/sessions", endless, order()).body())
                .contains("не более 12 часов");
        Map<String, String> noAddress = tomorrow(25);
        noAddress.put("address", "school-a.example.ru");
        assertThat(school.multipart("/organization/sessions", noAddress, order())
                        .body())
                .contains("Укажите IP-адрес компьютерного класса");

        assertThat(sessions.of(TestData.SCHOOL_A)).isEmpty();
    }

    @Test
    void registeringChangingAndCancellingASessionArePublishedAsTheChecksReadThem() throws Exception {
        PortalBrowser school = signedIn(TestData.SCHOOL_A);
        school.get("/organization/sessions");
        HttpResponse<String> registered = school.multipart("/organization/sessions", tomorrow(25), order());
        assertThat(registered.statusCode()).isEqualTo(302);
        OrganizedSessions.Session session = sessions.of(TestData.SCHOOL_A).get(0);
        assertThat(session.participants()).isEqualTo(25);
        assertThat(session.orderPages()).isEqualTo(2);

        JsonNode first =
                JSON.readTree(published(SESSIONS, session.id(), 1).get(0).value());
        assertThat(first.path("campaignId").asText()).isEqualTo(TestData.CAMPAIGN);
        assertThat(first.path("organizationId").asText()).isEqualTo(TestData.SCHOOL_A);
        assertThat(first.path("ipAddress").asText()).isEqualTo("203.0.113.7");
        assertThat(first.path("participants").asInt()).isEqualTo(25);
        assertThat(first.path("cancelled").asBoolean()).isFalse();
        Instant from = Instant.parse(first.path("from").asText());
        assertThat(from.atZone(CAMPAIGN_ZONE).toLocalTime()).hasToString("10:00");
        assertThat(Instant.parse(first.path("to").asText())).isEqualTo(from.plusSeconds(45 * 60));

        school.get("/organization/sessions/" + session.id());
        HttpResponse<String> changed =
                school.multipart("/organization/sessions/" + session.id(), tomorrow(30), Map.of());
        assertThat(changed.statusCode()).isEqualTo(302);
        List<ConsumerRecord<String, String>> events = published(SESSIONS, session.id(), 2);
        assertThat(JSON.readTree(events.get(1).value()).path("participants").asInt())
                .isEqualTo(30);

        assertThat(school.download("/organization/sessions/" + session.id() + "/order.pdf")
                        .headers()
                        .firstValue("Content-Type")
                        .orElseThrow())
                .isEqualTo("application/pdf");
        assertThat(signedIn(TestData.SCHOOL_ELSEWHERE)
                        .download("/organization/sessions/" + session.id() + "/order.pdf")
                        .statusCode())
                .isEqualTo(403);

        PortalBrowser operator = signedIn(OPERATOR);
        assertThat(operator.get("/operator/sessions").body())
                .contains("МБОУ СОШ № 1")
                .contains("203.0.113.7")
                .contains("/operator/sessions/" + session.id() + "/order.pdf");
        assertThat(operator.download("/operator/sessions/" + session.id() + "/order.pdf")
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> cancelled = operator.post("/operator/sessions/" + session.id() + "/cancel", Map.of());
        assertThat(cancelled.statusCode()).isEqualTo(302);
        events = published(SESSIONS, session.id(), 3);
        JsonNode cancellation = JSON.readTree(events.get(2).value());
        assertThat(cancellation.path("cancelled").asBoolean()).isTrue();
        assertThat(cancellation.path("ipAddress").asText()).isEqualTo("203.0.113.7");
        assertThat(school.get("/organization/sessions").body()).contains("отменена");
        assertThat(school.multipart("/organization/sessions/" + session.id(), tomorrow(40), Map.of())
                        .body())
                .contains("Сессия отменена");
    }

    /** A session tomorrow from 10:00 to 10:45 in the campaign's time zone, of the given number of participants. */
    private static Map<String, String> tomorrow(int participants) {
        Map<String, String> form = new HashMap<>();
        form.put("campaign", TestData.CAMPAIGN);
        form.put("date", LocalDate.now(CAMPAIGN_ZONE).plusDays(1).toString());
        form.put("start", "10:00");
        form.put("end", "10:45");
        form.put("address", "203.0.113.7");
        form.put("participants", String.valueOf(participants));
        return form;
    }

    private static Map<String, Attached> order() throws Exception {
        return Map.of("order", new Attached("prikaz.pdf", TestFiles.pdf(2, null)));
    }
}
