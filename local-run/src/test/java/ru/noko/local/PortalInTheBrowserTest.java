package ru.noko.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * first password, must change it, and sees its coverage rise after a response. No service is restarted in between.
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

    private static LocalSystem system;
    private static ClickHouseQueries clickHouse;
    private static Path folder;
    private static final List<String> console = new java.util.concurrent.CopyOnWriteArrayList<>();
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
        assertThat(clickHouse.strings("SELECT title FROM campaigns FINAL WHERE campaign_id = '" + CAMPAIGN + "'"))
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
                "Новый-пароль-школы-1",
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
    @Order(4)
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
    @Order(5)
    void theDemoLoadsItsRegistryThroughThePortalAsTheOperatorWould() throws Exception {
        Path kept = folder.resolve("demo-accounts.csv");

        List<DemoPortal.DemoAccount> accounts = DemoPortal.importRegistry(system, DemoCampaign.registry(), kept);

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
