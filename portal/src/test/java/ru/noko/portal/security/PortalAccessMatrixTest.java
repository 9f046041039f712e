package ru.noko.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import ru.noko.portal.PortalBrowser;
import ru.noko.portal.PortalStack;
import ru.noko.portal.TestData;

/**
 * Every route of the portal, read from Spring's own route list, against everyone who might ask: nobody signed in, two
 * organizations, the analysts of two municipalities, the operator and the ministry. Each route must have a row here:
 * a new page without one fails this test until someone decides who may open it.
 */
class PortalAccessMatrixTest extends PortalStack {

    /** What an asker gets: the page (or what the page does), a refusal, or the login page. */
    enum Expect {
        ALLOWED,
        FORBIDDEN,
        LOGIN,
        /** Never expected: the matrix's junk form (no file, stray fields) is bad input, answered 4xx, not a failure. */
        SERVER_ERROR
    }

    private static final List<String> ASKERS = List.of(
            "anonymous",
            TestData.SCHOOL_A,
            TestData.SCHOOL_ELSEWHERE,
            "analyst-city",
            "analyst-town",
            OPERATOR,
            "ministry");

    /** Routes nobody signs in for, and the error page, which Spring Boot serves to all. */
    private static final Set<String> PUBLIC =
            Set.of("GET /login", "GET /reset/{token}", "POST /reset/{token}", "GET /error", "POST /error");

    /**
     * Per route, the askers allowed (by name); the others are refused, and nobody signed in is sent to log in. The path
     * a route is asked at: school-a's where it takes an organization (in the city: the city's analyst may see it, the
     * town's may not), demo-2026-noko's where it takes a campaign.
     */
    private static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();

    static {
        Set<String> everyone = Set.of(
                TestData.SCHOOL_A, TestData.SCHOOL_ELSEWHERE, "analyst-city", "analyst-town", OPERATOR, "ministry");
        Set<String> operator = Set.of(OPERATOR);
        ALLOWED.put("GET /", everyone);
        ALLOWED.put("GET /account/password", everyone);
        ALLOWED.put("POST /account/password", everyone);
        ALLOWED.put("GET /operator", operator);
        ALLOWED.put("GET /operator/organizations", operator);
        ALLOWED.put("GET /operator/organizations/{id}", operator);
        ALLOWED.put("GET /operator/organizations/{id}/campaigns/{campaign}/poster.pdf", operator);
        ALLOWED.put("GET /operator/campaigns/{campaign}/posters.zip", operator);
        ALLOWED.put("GET /operator/registry", operator);
        ALLOWED.put("POST /operator/registry", operator);
        ALLOWED.put("GET /operator/registry/drafts/{id}", operator);
        ALLOWED.put("POST /operator/registry/drafts/{id}/confirm", operator);
        ALLOWED.put("GET /operator/registry/credentials/{id}", operator);
        ALLOWED.put("GET /operator/accounts", operator);
        ALLOWED.put("POST /operator/accounts", operator);
        ALLOWED.put("POST /operator/accounts/{id}/block", operator);
        ALLOWED.put("POST /operator/accounts/{id}/reset", operator);
        ALLOWED.put("GET /operator/campaigns", operator);
        ALLOWED.put("GET /operator/campaigns/new", operator);
        ALLOWED.put("GET /operator/campaigns/{id}", operator);
        ALLOWED.put("POST /operator/campaigns", operator);
        ALLOWED.put("GET /operator/publication", operator);
        ALLOWED.put("POST /operator/publication/{campaign}", operator);
        ALLOWED.put("POST /operator/publication/{campaign}/withdraw", operator);
        // Improvement plans: the organization edits its own; a municipality reviews its own organizations'; the
        // operator
        // any; the ministry reads and downloads.
        ALLOWED.put("GET /organization/plans", schools());
        ALLOWED.put("GET /organization/plans/{campaign}", schools());
        ALLOWED.put("POST /organization/plans/{campaign}", schools());
        ALLOWED.put("POST /organization/plans/{campaign}/progress", schools());
        ALLOWED.put("GET /operator/plans", operator);
        ALLOWED.put("GET /municipality/plans", Set.of("analyst-city", "analyst-town"));
        ALLOWED.put("GET /ministry/plans", Set.of("ministry"));
        ALLOWED.put("GET /operator/organizations/{organization}/plans/{campaign}", operator);
        ALLOWED.put("GET /municipality/organizations/{organization}/plans/{campaign}", Set.of("analyst-city"));
        ALLOWED.put("GET /ministry/organizations/{organization}/plans/{campaign}", Set.of("ministry"));
        ALLOWED.put("POST /operator/organizations/{organization}/plans/{campaign}/approve", operator);
        ALLOWED.put("POST /operator/organizations/{organization}/plans/{campaign}/return", operator);
        ALLOWED.put("POST /municipality/organizations/{organization}/plans/{campaign}/approve", Set.of("analyst-city"));
        ALLOWED.put("POST /municipality/organizations/{organization}/plans/{campaign}/return", Set.of("analyst-city"));
        ALLOWED.put("GET /ministry/plans.xlsx", Set.of("ministry"));
        ALLOWED.put("GET /operator/plans.xlsx", operator);
        ALLOWED.put("GET /operator/reports/{campaign}.pdf", operator);
        ALLOWED.put("GET /ministry/reports/{campaign}.pdf", Set.of("ministry"));
        ALLOWED.put("GET /operator/audit", operator);
        ALLOWED.put("GET /operator/audit.csv", operator);
        ALLOWED.put("GET /organization", Set.of(TestData.SCHOOL_A, TestData.SCHOOL_ELSEWHERE));
        ALLOWED.put(
                "GET /organization/campaigns/{campaign}/poster.pdf",
                Set.of(TestData.SCHOOL_A, TestData.SCHOOL_ELSEWHERE));
        ALLOWED.put("GET /municipality", Set.of("analyst-city", "analyst-town"));
        ALLOWED.put("GET /municipality/organizations/{id}", Set.of("analyst-city"));
        ALLOWED.put("GET /municipality/organizations/{id}/campaigns/{campaign}/poster.pdf", Set.of("analyst-city"));
        ALLOWED.put("GET /ministry", Set.of("ministry"));
        ALLOWED.put("GET /ministry/organizations/{id}", Set.of("ministry"));
        // Self-assessments: the organization fills its own; the others see it as far as they see the organization.
        Set<String> schools = Set.of(TestData.SCHOOL_A, TestData.SCHOOL_ELSEWHERE);
        ALLOWED.put("GET /organization/self-assessments/{campaign}", schools);
        ALLOWED.put("POST /organization/self-assessments/{campaign}", schools);
        ALLOWED.put("POST /organization/self-assessments/{campaign}/autosave", schools);
        ALLOWED.put("POST /organization/self-assessments/{campaign}/photos/{photo}/remove", schools);
        ALLOWED.put("GET /organization/photos/{photo}", Set.of(TestData.SCHOOL_A));
        ALLOWED.put("GET /organization/photos/{photo}/thumbnail", Set.of(TestData.SCHOOL_A));
        ALLOWED.put("GET /operator/self-assessments", operator);
        ALLOWED.put("GET /operator/organizations/{organization}/self-assessments/{campaign}", operator);
        ALLOWED.put("POST /operator/organizations/{organization}/self-assessments/{campaign}/return", operator);
        ALLOWED.put("GET /operator/photos/{photo}", operator);
        ALLOWED.put("GET /operator/photos/{photo}/thumbnail", operator);
        ALLOWED.put("GET /ministry/self-assessments", Set.of("ministry"));
        ALLOWED.put("GET /ministry/organizations/{organization}/self-assessments/{campaign}", Set.of("ministry"));
        ALLOWED.put("GET /ministry/photos/{photo}", Set.of("ministry"));
        ALLOWED.put("GET /ministry/photos/{photo}/thumbnail", Set.of("ministry"));
        ALLOWED.put("GET /municipality/self-assessments", Set.of("analyst-city", "analyst-town"));
        ALLOWED.put(
                "GET /municipality/organizations/{organization}/self-assessments/{campaign}", Set.of("analyst-city"));
        ALLOWED.put("GET /municipality/photos/{photo}", Set.of("analyst-city"));
        ALLOWED.put("GET /municipality/photos/{photo}/thumbnail", Set.of("analyst-city"));
        // Sessions: the organization registers and changes its own; the operator sees and cancels any.
        ALLOWED.put("GET /organization/sessions", schools);
        ALLOWED.put("POST /organization/sessions", schools);
        ALLOWED.put("GET /organization/sessions/{id}", Set.of(TestData.SCHOOL_A));
        ALLOWED.put("POST /organization/sessions/{id}", Set.of(TestData.SCHOOL_A));
        ALLOWED.put("GET /organization/sessions/{id}/order.pdf", Set.of(TestData.SCHOOL_A));
        ALLOWED.put("POST /organization/sessions/{id}/cancel", Set.of(TestData.SCHOOL_A));
        ALLOWED.put("GET /operator/sessions", operator);
        ALLOWED.put("GET /operator/sessions/{id}/order.pdf", operator);
        ALLOWED.put("POST /operator/sessions/{id}/cancel", operator);
    }

    private static Set<String> schools() {
        return Set.of(TestData.SCHOOL_A, TestData.SCHOOL_ELSEWHERE);
    }

    /** school-a's photo and session, which the routes taking one are asked about. */
    private String photo;

    private String session;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping routes;

    @Test
    void everyRouteHasARuleAndEveryAskerGetsWhatTheRuleSays() throws Exception {
        Set<String> routeList = routeList();
        Set<String> withoutRule = new TreeSet<>(routeList);
        withoutRule.removeAll(ALLOWED.keySet());
        withoutRule.removeAll(PUBLIC);
        assertThat(withoutRule).as("routes without a row in this matrix").isEmpty();
        assertThat(routeList).as("the matrix names no route that is gone").containsAll(ALLOWED.keySet());

        photo = data.photo(TestData.SCHOOL_A);
        session = data.session(TestData.SCHOOL_A);
        List<String> wrong = new ArrayList<>();
        for (String asker : ASKERS) {
            PortalBrowser browser = browser();
            if (!asker.equals("anonymous")) {
                browser.login(asker, asker.equals(OPERATOR) ? OPERATOR_PASSWORD : TestData.PASSWORD);
            }
            browser.get("/login"); // a page with a CSRF token, for the posts
            for (Map.Entry<String, Set<String>> route : ALLOWED.entrySet()) {
                Expect expected = asker.equals("anonymous")
                        ? Expect.LOGIN
                        : route.getValue().contains(asker) ? Expect.ALLOWED : Expect.FORBIDDEN;
                Expect got = ask(browser, route.getKey());
                if (got != expected) {
                    wrong.add(asker + " → " + route.getKey() + ": expected " + expected + ", got " + got);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private Expect ask(PortalBrowser browser, String route) throws Exception {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1)
                // Each school may remove photos of its own form only: asked of one that is nobody's.
                .replace("/photos/{photo}/remove", "/photos/no-such-photo/remove")
                .replace("{photo}", photo)
                .replace("/sessions/{id}", "/sessions/" + session)
                .replace("{organization}", TestData.SCHOOL_A)
                .replace("/campaigns/{id}", "/campaigns/demo-2026-noko")
                .replace("{id}", TestData.SCHOOL_A)
                .replace("{campaign}", "demo-2026-noko")
                .replace("/accounts/" + TestData.SCHOOL_A, "/accounts/999999999")
                .replace("/drafts/" + TestData.SCHOOL_A, "/drafts/no-such-draft")
                .replace("/credentials/" + TestData.SCHOOL_A, "/credentials/no-such-download");
        if (route.startsWith("POST /account/password")) {
            path = "/account/password";
        }
        HttpResponse<?> answer = method.equals("GET")
                ? browser.download(path)
                : browser.post(
                        path,
                        Map.of(
                                "blocked",
                                "false",
                                "current",
                                "x",
                                "password",
                                "x",
                                "repeated",
                                "x",
                                "login",
                                "matrix-" + System.nanoTime(),
                                "role",
                                "MINISTRY"));
        int status = answer.statusCode();
        if (status >= 500) {
            return Expect.SERVER_ERROR;
        }
        String location = answer.headers().firstValue("Location").orElse("");
        if (status == 302 && location.endsWith("/login")) {
            return Expect.LOGIN;
        }
        if (status == 403) {
            return Expect.FORBIDDEN;
        }
        return Expect.ALLOWED;
    }

    private Set<String> routeList() {
        Set<String> list = new TreeSet<>();
        for (RequestMappingInfo info : routes.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod method :
                        methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods) {
                    list.add(method.name() + " " + pattern);
                }
            }
        }
        return list;
    }
}
