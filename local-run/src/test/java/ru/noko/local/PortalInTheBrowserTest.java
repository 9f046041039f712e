package ru.noko.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import ru.noko.devstack.DevStack;
import ru.noko.methodology.registry.Inn;
import ru.noko.schemas.clickhouse.ClickHouseQueries;

/**
 * The portal's people at work on the whole local system, in Debian's headless Chromium ({@code src/test/browser/
 * portal.mjs}): the regional operator loads a registry with two broken lines (nothing changes, both are listed),
 * then the fixed one (the organizations and their accounts exist); opens a new campaign, whose survey page the
 * running gateway then serves and whose response the running job judges and counts; an organization logs in with its
 * first password, must change it, and sees its coverage rise after a response; it fills its self-assessment in two
 * sittings, submits it and sees its figures change, and the operator returns it with a comment. Then PostgreSQL and
 * the portal are killed and come back, and the demo loads its registry (which replaces the Bratsk schools') and files
 * its self-assessments and session through the portal.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalInTheBrowserTest {

    private static final Path ROOT =
            Path.of(System.getProperty("noko.projectRoot", "..")).toAbsolutePath();
    private static final Path MODULES = ROOT.resolve("ingest-gateway/src/test/browser");
    private static final Path SCRIPT = ROOT.resolve("local-run/src/test/browser/portal.mjs");
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String CAMPAIGN = "portal-opened-2027";
    private static final String MUNICIPALITY = "г. Братск";
    /** br-school-1's password once it changed its first one (test 3). */
    private static final String SCHOOL_PASSWORD = "Новый-пароль-школы-1";

    private static LocalSystem system;
    private static ClickHouseQueries clickHouse;
    private static Path folder;
    private static final List<String> console = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The demo's accounts, as its registry's import made them (test 5). */
    private static List<DemoPortal.DemoAccount> demoAccounts = List.of();
    /** login → first password, from the operator's download */
    private static final Map<String, String> firstPasswords = new HashMap<>();

    @BeforeAll
    static void startTheWholeSystem() throws Exception {
        folder = DevStack.scratch("portal-browser");
        system = new LocalSystem(TestSettings.onFreePorts("portal_browser", folder.resolve("system"), 2), line -> {
                    System.out.println(line);
                    console.add(line);
                })
                .start();
        clickHouse = new ClickHouseQueries(system.clickHouseTarget());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void theOperatorLoadsARegistryWithTwoBrokenLinesThenTheFixedOneAndTheAccountsExist() throws Exception {
        Path broken = write("broken.csv", registry("38000010x", "school"));
        Path fixed = write("fixed.csv", registry(Inn.legalEntity("380000105"), "general"));

        JsonNode run = browse(
                "registry",
                system.portalUri().toString(),
                system.operatorLogin(),
                operatorPassword(),
                broken.toString(),
                fixed.toString());

        JsonNode steps = run.path("steps");
        assertThat(steps.path("refusedHeading").asText()).contains("broken.csv").contains("ошибок — 2");
        assertThat(steps.path("problems"))
                .extracting(JsonNode::toString)
                .hasSize(2)
                .anySatisfy(problem -> assertThat(problem).startsWith("[\"3\",\"inn\""))
                .anySatisfy(problem -> assertThat(problem).startsWith("[\"4\",\"type\""));
        assertThat(steps.path("countAfterRefusal").asText())
                .as("nothing imported")
                .isEqualTo(steps.path("countBefore").asText());
        assertThat(steps.path("previewPath").asText()).startsWith("/operator/registry/drafts/");
        assertThat(steps.path("countAfterImport").asInt())
                .isEqualTo(steps.path("countBefore").asInt() + 3);
        List<CSVRecord> credentials = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .get()
                .parse(new java.io.StringReader(run.path("credentials").asText().replace("\uFEFF", "")))
                .getRecords();
        for (CSVRecord account : credentials) {
            firstPasswords.put(account.get("login"), account.get("password"));
        }
        assertThat(firstPasswords).containsOnlyKeys("br-school-1", "br-school-2", "br-kinder-3");
        String accountsPage = new PortalClient(system.portalUri())
                .login(system.operatorLogin(), operatorPassword())
                .get("/operator/accounts")
                .body();
        assertThat(accountsPage).contains("br-school-1", "br-school-2", "br-kinder-3");
    }

    @Test
    @Order(2)
    void theOperatorOpensACampaignAndTheRunningGatewayAndJobTakeItsResponse() throws Exception {
        JsonNode run = browse(
                "campaign",
                system.portalUri().toString(),
                system.operatorLogin(),
                operatorPassword(),
                CAMPAIGN,
                system.gatewayUri().toString(),
                "br-school-2");

        JsonNode steps = run.path("steps");
        assertThat(steps.path("saveProblems")).isEmpty();
        assertThat(steps.path("surveyHeading").asText()).isNotBlank();
        assertThat(steps.path("thanksPath").asText()).contains("/thanks/");
        assertThat(run.path("receipt").asText()).isNotBlank();
        clickHouse.awaitCount(
                "SELECT count() FROM response_verdicts FINAL WHERE campaign_id = '" + CAMPAIGN
                        + "' AND organization_id = 'br-school-2' AND verdict = 'accepted'",
                n -> n == 1,
                WAIT);
        clickHouse.awaitCount(
                "SELECT max(responses) FROM organization_results WHERE campaign_id = '" + CAMPAIGN
                        + "' AND organization_id = 'br-school-2'",
                n -> n == 1,
                WAIT);
        // The campaigns table goes in the larger, later batches (NOKO_SINK_FLUSH_INTERVAL), not the live ones.
        assertThat(clickHouse.await(
                        "SELECT title FROM campaigns FINAL WHERE campaign_id = '" + CAMPAIGN + "'",
                        titles -> !titles.isEmpty(),
                        WAIT))
                .containsExactly("Опрос, открытый из портала");
    }

    @Test
    @Order(3)
    void anOrganizationChangesItsFirstPasswordAndSeesItsCoverageRiseAfterAResponse() throws Exception {
        assertThat(firstPasswords).as("the registry test ran first").containsKey("br-school-1");

        JsonNode run = browse(
                "organization",
                system.portalUri().toString(),
                "br-school-1",
                firstPasswords.get("br-school-1"),
                SCHOOL_PASSWORD,
                CAMPAIGN,
                system.gatewayUri().toString());

        JsonNode steps = run.path("steps");
        assertThat(steps.path("afterLogin").asText())
                .as("the first login asks for a new password")
                .isEqualTo("/account/password");
        assertThat(steps.path("notice").toString()).contains("Пароль изменён");
        assertThat(steps.path("heading").asText()).isEqualTo("Школа № 1 г. Братска");
        assertThat(steps.path("surveyLinks").toString())
                .contains(system.gatewayUri() + "/s/" + CAMPAIGN + "/br-school-1");
        assertThat(steps.path("coverageBefore").asInt()).isZero();
        assertThat(steps.path("coverageAfter").asInt()).isEqualTo(1);
        assertThat(steps.path("oldPasswordLands").asText())
                .as("the first password is spent")
                .isEqualTo("/login");
    }

    @Test
    @Order(6)
    void aKilledPostgresqlAndAKilledPortalAreBroughtBackWithTheirData() throws Exception {
        // The postmaster itself (setpriv becomes it): its sessions are left to notice and end on their own.
        system.postgresProcess().destroyForcibly();
        awaitLine("noko: PostgreSQL is back after ");
        system.portalProcess().destroyForcibly();
        awaitLine("noko: the portal is back after ");

        String accounts = new PortalClient(system.portalUri())
                .login(system.operatorLogin(), operatorPassword())
                .get("/operator/accounts")
                .body();
        assertThat(accounts).contains("br-school-1", "br-school-2", "br-kinder-3");
        assertThat(console).as("plain lines, no stack trace").noneMatch(line -> line.contains("Exception"));
    }

    @Test
    @Order(7)
    void theDemoLoadsItsRegistryThroughThePortalAsTheOperatorWould() throws Exception {
        Path kept = folder.resolve("demo-accounts.csv");

        List<DemoPortal.DemoAccount> accounts = DemoPortal.importRegistry(system, DemoCampaign.registry(), kept);
        demoAccounts = accounts;

        assertThat(accounts)
                .extracting(DemoPortal.DemoAccount::login)
                .contains("gen-org-0", "gen-org-39", DemoPortal.ANALYST, DemoPortal.MINISTRY)
                .hasSize(42);
        assertThat(java.nio.file.Files.getPosixFilePermissions(kept))
                .containsExactlyInAnyOrder(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        DemoPortal.DemoAccount analyst = accounts.stream()
                .filter(account -> account.login().equals(DemoPortal.ANALYST))
                .findFirst()
                .orElseThrow();
        PortalClient asAnalyst = new PortalClient(system.portalUri()).login(analyst.login(), analyst.password());
        asAnalyst.changePassword(analyst.password(), "Аналитик-2027-пароль");
        assertThat(asAnalyst.get("/municipality").body()).contains("gen-org-0");
        assertThat(DemoPortal.importRegistry(system, DemoCampaign.registry(), kept))
                .as("a second demo imports nothing new and gives the accounts it kept")
                .isEqualTo(accounts);
    }

    @Test
    @Order(4)
    void anOrganizationFillsItsChecklistInTwoSittingsAndItsFiguresChangeAsTheMethodologySays() throws Exception {
        assertThat(metric("1.1", "status")).as("no self-assessment yet").containsExactly("MISSING_INPUT");
        Path photo = folder.resolve("stand.jpg");
        java.awt.image.BufferedImage image =
                new java.awt.image.BufferedImage(640, 480, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D graphics = image.createGraphics();
        graphics.setColor(new java.awt.Color(0x1565C0));
        graphics.fillRect(0, 0, 640, 480);
        graphics.dispose();
        javax.imageio.ImageIO.write(image, "jpeg", photo.toFile());
        Path screenshot = ROOT.resolve("docs/portal/checklist.png");
        Files.createDirectories(screenshot.getParent());

        JsonNode run = browse(
                "checklist",
                system.portalUri().toString(),
                "br-school-1",
                SCHOOL_PASSWORD,
                CAMPAIGN,
                photo.toString(),
                screenshot.toString());

        JsonNode steps = run.path("steps");
        assertThat(steps.path("afterLogin").asText()).as("logged in").isEqualTo("/organization");
        assertThat(steps.path("stateBefore").asText()).isEqualTo("ещё не заполнялось");
        assertThat(steps.path("afterPhoto").asText()).isEqualTo("?saved");
        assertThat(steps.path("savedAt").asText()).startsWith("Черновик сохранён в ");
        assertThat(steps.path("stateFound").asText()).isEqualTo("черновик");
        JsonNode found = steps.path("found");
        assertThat(found.path("standGeneral").asBoolean()).isTrue();
        assertThat(found.path("siteGeneral").asBoolean()).isTrue();
        assertThat(found.path("standContacts").asBoolean()).isFalse();
        assertThat(found.path("link").asText()).isEqualTo("https://school.example.ru/sveden/common");
        assertThat(found.path("photos").asInt()).isEqualTo(1);
        assertThat(steps.path("problemsAfter")).isEmpty();
        assertThat(steps.path("stateAfter").asText()).isEqualTo("отправлено");
        assertThat(steps.path("lockedForm").asInt())
                .as("no form to change once submitted")
                .isZero();
        assertThat(Files.size(screenshot)).isPositive();

        // One of 14 stand items and one of 14 site items: 1.1 is their mean share (docs/methodology.md, 4.1).
        clickHouse.awaitCount(
                "SELECT count() FROM organization_results FINAL WHERE " + ofTheSchool()
                        + " AND metric_id = '1.1' AND status = 'OK'",
                n -> n == 1,
                WAIT);
        Map<String, Double> value = new HashMap<>();
        for (String row : clickHouse.strings("SELECT concat(metric_id, ' ', toString(value)) FROM "
                + "organization_results FINAL WHERE " + ofTheSchool() + " AND status = 'OK'")) {
            value.put(row.substring(0, row.indexOf(' ')), Double.parseDouble(row.substring(row.indexOf(' ') + 1)));
        }
        assertThat(value.get("1.1")).isCloseTo(100.0 * (1.0 / 14 + 1.0 / 14) / 2, within(1e-9));
        assertThat(value.get("1.2")).as("no remote channel ticked").isZero();
        assertThat(value.get("K1"))
                .isCloseTo(0.3 * value.get("1.1") + 0.3 * value.get("1.2") + 0.4 * value.get("1.3"), within(1e-9));
        assertThat(value.get("S"))
                .isCloseTo(
                        (value.get("K1") + value.get("K2") + value.get("K3") + value.get("K4") + value.get("K5")) / 5,
                        within(1e-9));
        // The page shows them too, once its kept figures are read again (every few seconds).
        PortalClient school = new PortalClient(system.portalUri()).login("br-school-1", SCHOOL_PASSWORD);
        java.util.regex.Pattern shown = java.util.regex.Pattern.compile(
                "data-metric=\"1\\.1\">\\s*<td>1\\.1</td><td>[^<]*</td>\\s*<td class=\"number value\">([^<]*)</td>");
        String value11 = "";
        for (int attempt = 0; attempt < 60 && !value11.equals("7,14"); attempt++) {
            String page = school.get("/organization").body();
            String section = page.substring(page.indexOf("/s/" + CAMPAIGN + "/"));
            section = section.substring(0, section.indexOf("</section>"));
            java.util.regex.Matcher row = shown.matcher(section);
            value11 = row.find() ? row.group(1) : "";
            Thread.sleep(500);
        }
        assertThat(value11).as("1.1 on the organization's page").isEqualTo("7,14");
    }

    @Test
    @Order(5)
    void theOperatorReturnsTheChecklistWithACommentAndItsFiguresGoBackToPending() throws Exception {
        JsonNode run = browse(
                "return",
                system.portalUri().toString(),
                system.operatorLogin(),
                operatorPassword(),
                "br-school-1",
                CAMPAIGN,
                "br-school-1",
                SCHOOL_PASSWORD);

        JsonNode steps = run.path("steps");
        assertThat(steps.path("operatorSees").asText()).isEqualTo("отправлено");
        assertThat(steps.path("thumbnails").asInt()).isEqualTo(1);
        assertThat(steps.path("thumbnailLoaded").asBoolean())
                .as("the photo is served to the operator")
                .isTrue();
        assertThat(steps.path("afterReturn").asText()).isEqualTo("?returned");
        assertThat(steps.path("stateReturned").asText()).isEqualTo("возвращено на доработку");
        assertThat(steps.path("comment").asText()).isEqualTo("Приложите фотографию стенда с лицензией");
        clickHouse.awaitCount(
                "SELECT count() FROM organization_results FINAL WHERE " + ofTheSchool()
                        + " AND metric_id = '1.1' AND status = 'MISSING_INPUT'",
                n -> n == 1,
                WAIT);
    }

    @Test
    @Order(8)
    void theDemoFilesSelfAssessmentsWithPhotosADraftAndASessionThroughThePortalOnce() throws Exception {
        assertThat(demoAccounts).as("the demo's registry test ran first").isNotEmpty();

        List<DemoPortal.DemoAccount> filed = DemoFilings.file(system, demoAccounts);
        List<DemoPortal.DemoAccount> again = DemoFilings.file(system, filed);

        assertThat(again)
                .as("a second demo files nothing and changes no password")
                .isEqualTo(filed);
        assertThat(filed).hasSameSizeAs(demoAccounts);
        // As the operator sees them: three submitted with photos, a draft, one session with its order.
        PortalClient operator = new PortalClient(system.portalUri()).login(system.operatorLogin(), operatorPassword());
        String forms = operator.get("/operator/self-assessments?campaign=demo-2026-noko")
                .body();
        java.util.regex.Matcher row = java.util.regex.Pattern.compile(
                        "data-organization=\"([^\"]+)\">.*?<td>("
                                + "[а-я ]+)</td>\\s*<td class=\"number\">\\d+</td>\\s*<td class=\"number\">(\\d+)</td>",
                        java.util.regex.Pattern.DOTALL)
                .matcher(forms);
        Map<String, String> states = new java.util.TreeMap<>();
        while (row.find()) {
            states.put(row.group(1), row.group(2) + (Integer.parseInt(row.group(3)) > 3 ? ", с фотографиями" : ""));
        }
        assertThat(states)
                .containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                        "gen-org-5", "отправлено, с фотографиями",
                        "gen-org-6", "отправлено, с фотографиями",
                        "gen-org-7", "отправлено, с фотографиями",
                        "gen-org-8", "черновик, с фотографиями")));
        String sessions = operator.get("/operator/sessions").body();
        assertThat(sessions.split("data-session=", -1)).hasSize(2);
        assertThat(sessions).contains("127.0.0.1").contains("зарегистрирована").contains("order.pdf");
        // gen-org-5's own inputs, counted from its checklist (paid services do not apply: 13 stand items, not the
        // generated 10), replace the generated ones in the figures.
        clickHouse.await(
                "SELECT inputs FROM self_assessments FINAL WHERE campaign_id = 'demo-2026-noko' AND organization_id ="
                        + " 'gen-org-5'",
                rows -> rows.size() == 1 && rows.get(0).contains("\"standItemsRequired\":13"),
                WAIT);
    }

    @Test
    @Order(9)
    void theDemoPublishesLastYearsCampaignAndEveryPageShowsTheExportsFigures() throws Exception {
        assertThat(demoAccounts).as("the demo's registry test ran first").isNotEmpty();
        String campaign = DemoSurveys.PREVIOUS;
        String base = system.resultsUri() + "/" + campaign;
        HttpClient http = HttpClient.newHttpClient();
        assertThat(status(http, base + "/index.html")).as("not yet published").isEqualTo(404);
        DemoCampaign.publish(system.kafkaBootstrapServers(), false);

        String notice = DemoPublication.publish(system, campaign);

        assertThat(notice).contains("опубликованы: учтены ответы до 2025-12-31T00:00:00Z");
        Path export =
                system.settings().home().resolve("exports").resolve(campaign).resolve("20251231T000000Z");
        List<CSVRecord> rows;
        try (var reader = Files.newBufferedReader(export.resolve("organizations.csv"))) {
            rows = CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .build()
                    .parse(reader)
                    .getRecords();
        }
        assertThat(rows)
                .as("the demo's 40 organizations and the test's three, in the ministry's export at the cut-off")
                .hasSize(43);
        Map<String, String> ids = new HashMap<>();
        String data = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/data.csv")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        for (CSVRecord open : CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .build()
                .parse(new java.io.StringReader(data))) {
            ids.put(open.get("inn"), open.get("organization_id"));
        }
        int compared = 0;
        for (var row : rows) {
            String id = ids.get(row.get("ИНН"));
            assertThat(id).as("open data has " + row.get("ИНН")).isNotNull();
            var page = org.jsoup.Jsoup.connect(base + "/o/" + id + ".html").get();
            assertThat(page.getElementById("score").attr("data-value")).as(id).isEqualTo(row.get("S"));
            assertThat(page.getElementById("level").attr("data-value")).as(id).isEqualTo(row.get("Уровень"));
            assertThat(page.getElementById("respondents").text()).as(id).isEqualTo(row.get("Респондентов"));
            assertThat(page.getElementById("rank-region").attr("data-value"))
                    .isEqualTo(row.get("Место в регионе (среди организаций своего типа)"));
            for (String figure : List.of("K1", "K2", "K3", "K4", "K5", "S")) {
                assertThat(page.selectFirst("#criteria tr[data-figure=" + figure + "] td[data-column=value]")
                                .attr("data-value"))
                        .as(id + " " + figure)
                        .isEqualTo(row.get(figure));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(43 * 6);
        assertThat(status(http, system.resultsUri() + "/o/gen-org-0.svg")).isEqualTo(200);

        // Its improvement plans, in several states; a second demo changes none of them.
        demoAccounts = DemoPlans.file(system, campaign, demoAccounts);
        assertThat(DemoPlans.file(system, campaign, demoAccounts)).isEqualTo(demoAccounts);
        PortalClient operator = new PortalClient(system.portalUri()).login(system.operatorLogin(), operatorPassword());
        String plans = operator.get("/operator/plans?campaign=" + campaign).body();
        Map<String, String> states = new java.util.TreeMap<>();
        java.util.regex.Matcher row = java.util.regex.Pattern.compile(
                        "data-organization=\"([^\"]+)\">\\s*<td>[^<]*</td>\\s*<td>[^<]*</td>\\s*<td>([^<]+)</td>")
                .matcher(plans);
        while (row.find()) {
            states.put(row.group(1), row.group(2));
        }
        assertThat(states)
                .containsEntry(DemoPlans.APPROVED, "утверждён")
                .containsEntry(DemoPlans.SUBMITTED, "на рассмотрении")
                .containsEntry(DemoPlans.RETURNED, "возвращён на доработку")
                .containsEntry("gen-org-3", "черновик");
        String approved = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/o/" + DemoPlans.APPROVED + ".html"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(approved)
                .contains("План по устранению недостатков")
                .contains("выполнено")
                .contains("просрочено")
                .contains("в работе");
        assertThat(status(http, system.resultsUri() + "/demo-2026-noko/index.html"))
                .as("this year's campaign is not published")
                .isEqualTo(404);
    }

    private static int status(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String ofTheSchool() {
        return "campaign_id = '" + CAMPAIGN + "' AND organization_id = 'br-school-1'";
    }

    private static List<String> metric(String id, String column) throws Exception {
        return clickHouse.strings("SELECT " + column + " FROM organization_results FINAL WHERE " + ofTheSchool()
                + " AND metric_id = '" + id + "'");
    }

    private static void awaitLine(String start) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (console.stream().noneMatch(line -> line.startsWith(start))) {
            assertThat(System.nanoTime())
                    .as("'" + start + "' said within 3 minutes; the run said " + console)
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Three organizations of one municipality; the second line's INN and the third line's type as given. */
    private static String registry(String secondInn, String thirdType) {
        String region = "Иркутская область";
        return String.join(
                "\n",
                "organization_id,name,inn,type,municipality,region,contingent_parent,contingent_student",
                "br-school-1,Школа № 1 г. Братска," + Inn.legalEntity("380000101") + ",general," + MUNICIPALITY + ","
                        + region + ",200,150",
                "br-school-2,Школа № 2 г. Братска," + secondInn + ",general," + MUNICIPALITY + "," + region
                        + ",180,120",
                "br-kinder-3,Детский сад № 3 г. Братска," + Inn.legalEntity("380000109") + "," + thirdType + ","
                        + MUNICIPALITY + "," + region + ",90,",
                "");
    }

    private static Path write(String name, String text) throws Exception {
        return Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static String operatorPassword() throws Exception {
        return Files.readString(system.operatorPasswordFile()).strip();
    }

    private static JsonNode browse(String... arguments) throws Exception {
        if (!Files.isDirectory(MODULES.resolve("node_modules/playwright-core"))
                || !Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            throw new IllegalStateException("playwright-core or Chromium is not installed: run ./noko setup");
        }
        List<String> command = new ArrayList<>(List.of("node", SCRIPT.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("NOKO_BROWSER_MODULES", MODULES.toString());
        Process node = builder.start();
        String stdout = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!node.waitFor(240, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new IllegalStateException("the browser did not finish in 240 s");
        }
        System.out.println("browser run: " + stdout);
        JsonNode report = new ObjectMapper().readTree(stdout);
        assertThat(report.path("error").asText()).as("the browser's run").isEmpty();
        assertThat(report.path("pageErrors"))
                .as("scripts that failed in the pages")
                .isEmpty();
        return report;
    }
}
