package ru.noko.portal.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.noko.portal.PortalBrowser;
import ru.noko.portal.PortalStack;
import ru.noko.portal.TestData;

class LoginTest extends PortalStack {

    @Test
    void theOperatorLogsInAndLandsOnTheOperatorsPage() throws Exception {
        PortalBrowser browser = browser();

        HttpResponse<String> page = browser.login(OPERATOR, OPERATOR_PASSWORD);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Оператор региона", "Организаций в реестре");
    }

    @Test
    void theSessionIdChangesAtLogin() throws Exception {
        PortalBrowser browser = browser();
        browser.get("/login");
        browser.get("/");
        String before = browser.session().orElseThrow();

        browser.login(TestData.SCHOOL_A, TestData.PASSWORD);

        assertThat(browser.session()).isPresent().get().isNotEqualTo(before);
    }

    @Test
    void aWrongPasswordSaysSoWithoutSayingWhichPartWasWrong() throws Exception {
        HttpResponse<String> page = browser().login(OPERATOR, "wrong-password");

        assertThat(page.body()).contains("Неверный логин или пароль");
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() throws Exception {
        PortalBrowser browser = browser();
        browser.login(OPERATOR, OPERATOR_PASSWORD);

        HttpResponse<String> answer =
                browser.postRaw("/operator/accounts", Map.of("login", "someone", "role", "MINISTRY"));

        assertThat(answer.statusCode()).isEqualTo(403);
    }
}
