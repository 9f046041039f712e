package ru.noko.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import ru.noko.portal.PortalBrowser;
import ru.noko.portal.PortalStack;
import ru.noko.portal.TestData;

/**
 * The accounts' rules, each with the audit row it writes: throttled logins, a forced first password change, blocking,
 * one-time reset links, and an audit log no code path (and no SQL) can change.
 */
class AccountRulesTest extends PortalStack {

    @Autowired
    JdbcClient db;

    @Test
    void fiveFailedLoginsShutTheAccountsDoorEvenToTheRightPasswordForAQuarterOfAnHour() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(browser().login(TestData.SCHOOL_B, "guess-" + i).body()).contains("Неверный логин или пароль");
        }

        HttpResponse<String> right = browser().login(TestData.SCHOOL_B, TestData.PASSWORD);

        assertThat(right.body()).contains("Слишком много неудачных попыток входа");
        assertThat(audit("LOGIN_FAILED", TestData.SCHOOL_B)).isGreaterThanOrEqualTo(5);
        assertThat(audit("LOGIN_THROTTLED", TestData.SCHOOL_B)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aNewAccountMustChooseItsPasswordBeforeAnythingElse() throws Exception {
        PortalBrowser operator = browser();
        operator.login(OPERATOR, OPERATOR_PASSWORD);
        operator.get("/operator/accounts");
        String notice = operator.follow(operator.post(
                        "/operator/accounts",
                        Map.of("login", "analyst-new", "role", "MUNICIPALITY", "municipality", TestData.CITY)))
                .body();
        String first = PortalBrowser.field(Pattern.compile("его нужно сменить\\): (\\S+)</p>"), notice);

        PortalBrowser analyst = browser();
        HttpResponse<String> landed = analyst.login("analyst-new", first);
        HttpResponse<String> elsewhere = analyst.follow(analyst.get("/municipality"));
        HttpResponse<String> weak =
                analyst.post("/account/password", Map.of("current", first, "password", "short", "repeated", "short"));
        HttpResponse<String> changed = analyst.follow(analyst.post(
                "/account/password",
                Map.of("current", first, "password", "a-good-new-password", "repeated", "a-good-new-password")));

        assertThat(landed.body()).contains("Смена пароля", "Пароль выдан оператором");
        assertThat(elsewhere.body()).as("every page leads to the password form").contains("Смена пароля");
        assertThat(weak.body()).contains("не короче 10 символов");
        assertThat(changed.body()).contains("<h1>Организации: <span>" + TestData.CITY, "МБОУ СОШ № 1");
        assertThat(browser().login("analyst-new", "a-good-new-password").body()).contains("МБОУ СОШ № 1");
        assertThat(audit("ACCOUNT_CREATED", OPERATOR)).isPositive();
        assertThat(audit("PASSWORD_CHANGED", "analyst-new")).isEqualTo(1);
    }

    @Test
    void aBlockedAccountCannotLogInAndAResetLinkWorksOnce() throws Exception {
        long id = db.sql("SELECT id FROM accounts WHERE login = ?")
                .param(TestData.SCHOOL_B)
                .query(Long.class)
                .single();
        PortalBrowser operator = browser();
        operator.login(OPERATOR, OPERATOR_PASSWORD);
        operator.get("/operator/accounts");
        operator.post("/operator/accounts/" + id + "/block", Map.of("blocked", "true"));

        assertThat(browser().login(TestData.SCHOOL_B, TestData.PASSWORD).body()).contains("Неверный логин или пароль");

        operator.post("/operator/accounts/" + id + "/block", Map.of("blocked", "false"));
        operator.get("/operator/accounts");
        String notice =
                operator.post("/operator/accounts/" + id + "/reset", Map.of()).body();
        assertThat(notice).as(notice).contains("/reset/");
        String link = PortalBrowser.field(Pattern.compile("(/reset/[A-Za-z0-9_-]+)"), notice);
        PortalBrowser school = browser();
        school.get(link);
        HttpResponse<String> set =
                school.post(link, Map.of("password", "reset-password-1", "repeated", "reset-password-1"));
        school.get("/login");
        HttpResponse<String> again = browser().get(link);

        assertThat(set.statusCode()).isEqualTo(302);
        assertThat(browser().login(TestData.SCHOOL_B, "reset-password-1").body())
                .contains("МБОУ СОШ № 2");
        assertThat(again.statusCode()).as("a link works once").isEqualTo(404);
        assertThat(audit("ACCOUNT_BLOCKED", OPERATOR)).isPositive();
        assertThat(audit("PASSWORD_RESET_ISSUED", OPERATOR)).isPositive();
        assertThat(audit("PASSWORD_RESET_USED", TestData.SCHOOL_B)).isEqualTo(1);
    }

    @Test
    void everyActionIsOneAuditRowAndTheLogCannotBeChanged() throws Exception {
        since = java.time.Instant.now();
        PortalBrowser school = browser();
        school.login(TestData.SCHOOL_A, TestData.PASSWORD);
        school.get("/organization");
        school.post("/logout", Map.of());
        PortalBrowser operator = browser();
        operator.login(OPERATOR, OPERATOR_PASSWORD);
        operator.get("/operator/audit");
        HttpResponse<byte[]> csv = operator.download("/operator/audit.csv?actor=" + TestData.SCHOOL_A);

        assertThat(audit("LOGIN", TestData.SCHOOL_A)).isEqualTo(1);
        assertThat(audit("LOGOUT", TestData.SCHOOL_A)).isEqualTo(1);
        assertThat(new String(csv.body(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("LOGIN", "LOGOUT", TestData.SCHOOL_A, "127.0.0.1");
        assertThat(audit("AUDIT_DOWNLOADED", OPERATOR)).isEqualTo(1);
        assertThatThrownBy(() -> db.sql("UPDATE audit_log SET actor = 'nobody'").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.sql("DELETE FROM audit_log").update()).hasMessageContaining("append-only");
        assertThat(List.of(audit("LOGIN", TestData.SCHOOL_A))).containsExactly(1L);
    }

    /** Rows of this test (the log keeps every earlier test's too). */
    private java.time.Instant since = java.time.Instant.now();

    private long audit(String action, String actor) {
        return db.sql("SELECT count(*) FROM audit_log WHERE action = ? AND actor = ? AND at >= ?")
                .params(action, actor, java.sql.Timestamp.from(since))
                .query(Long.class)
                .single();
    }
}
