package ru.noko.portal.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import ru.noko.portal.PortalBrowser;
import ru.noko.portal.PortalStack;
import ru.noko.portal.TestData;

/**
 * A region has thousands of organizations, each with an account: the operator's and the ministry's lists show them a
 * page at a time, in a stable order, and a search finds what was typed, its own {@code %} and {@code _} taken as
 * they are.
 */
class LongListsTest extends PortalStack {

    private static final int MORE = 250;
    private static final Pattern ROW_LINK = Pattern.compile("href=\"/operator/organizations/(bulk-\\d+)\"");

    @Autowired
    JdbcClient db;

    /** 250 more organizations in one town, each with its account, beside the test data's three. */
    @BeforeEach
    void aRegionOfSomeSize() {
        for (int i = 0; i < MORE; i++) {
            String id = String.format("bulk-%03d", i);
            db.sql("INSERT INTO organizations (id, name, inn, type, municipality, region, contingent) VALUES (?, ?, ?, "
                            + "'general', 'г. Братск', 'Иркутская область', '{\"parent\": 10}'::jsonb)")
                    .params(id, "Школа № " + i + (i == 7 ? " (100%_лучшая)" : ""), String.format("38%08d", i))
                    .update();
            db.sql(
                            "INSERT INTO accounts (login, password_hash, role, organization_id) VALUES (?, 'x', 'ORGANIZATION', ?)")
                    .params(id, id)
                    .update();
        }
    }

    @Test
    void theOperatorPagesThroughTheOrganizationsAndEachAppearsOnce() throws Exception {
        PortalBrowser operator = operator();
        java.util.List<String> seen = new java.util.ArrayList<>();
        int pages = 0;
        for (int page = 0; ; page++) {
            HttpResponse<String> answer = operator.get("/operator/organizations?page=" + page);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("Найдено: <span>" + (MORE + 3) + "</span>");
            Matcher rows = ROW_LINK.matcher(answer.body());
            while (rows.find()) {
                seen.add(rows.group(1));
            }
            pages++;
            if (!answer.body().contains("Следующая →")) {
                break;
            }
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(MORE).doesNotHaveDuplicates();
        assertThat(operator.get("/operator/organizations?page=99").body())
                .as("a page past the end shows the last one")
                .contains("Страница <span>3</span> из <span>3</span>");
    }

    @Test
    void aSearchFindsWhatWasTypedWithItsPercentAndUnderscoreTakenLiterally() throws Exception {
        PortalBrowser operator = operator();

        assertThat(operator.get("/operator/organizations?search=100%25_").body())
                .contains("Найдено: <span>1</span>", "bulk-007");
        assertThat(operator.get("/operator/organizations?search=%25").body())
                .as("a lone % finds only names with a percent sign")
                .contains("Найдено: <span>1</span>");
        assertThat(operator.get("/operator/organizations?search=3800000012").body())
                .as("an INN")
                .contains("Найдено: <span>1</span>", "bulk-012");
        assertThat(operator.get("/operator/organizations?search=БРАТСК").body())
                .as("a municipality, in any case")
                .contains("Найдено: <span>" + MORE + "</span>");
    }

    @Test
    void theAccountsPageShowsAPageAtATimeAndFindsAnAccount() throws Exception {
        PortalBrowser operator = operator();

        HttpResponse<String> first = operator.get("/operator/accounts");
        assertThat(first.body())
                .contains("Найдено: <span>" + (MORE + 7) + "</span>", "Страница <span>1</span> из <span>3</span>");
        assertThat(Pattern.compile("/operator/accounts/\\d+/block")
                        .matcher(first.body())
                        .results()
                        .count())
                .as("one page of rows")
                .isEqualTo(100);
        HttpResponse<String> found = operator.get("/operator/accounts?search=bulk-24");
        assertThat(found.body())
                .contains("Найдено: <span>10</span>", "bulk-249")
                .doesNotContain(">bulk-007<");
        assertThat(operator.get("/operator/accounts?search=analyst").body())
                .contains("Найдено: <span>2</span>", "analyst-city", "analyst-town");
    }

    @Test
    void theMinistrySeesTheRegionAPageAtATime() throws Exception {
        PortalBrowser ministry = browser();
        ministry.login("ministry", TestData.PASSWORD);

        HttpResponse<String> first = ministry.get("/ministry");
        assertThat(first.body()).contains("Найдено: <span>" + (MORE + 3) + "</span>", "Следующая →");
        assertThat(ministry.get("/ministry?search="
                                + java.net.URLEncoder.encode("школа № 249", java.nio.charset.StandardCharsets.UTF_8))
                        .body())
                .contains("Найдено: <span>1</span>", "/ministry/organizations/bulk-249");
    }

    private PortalBrowser operator() throws Exception {
        PortalBrowser operator = browser();
        operator.login(OPERATOR, OPERATOR_PASSWORD);
        return operator;
    }
}
