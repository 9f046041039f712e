package ru.noko.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ru.noko.devstack.DevStack;
import ru.noko.local.LocalSettings;
import ru.noko.local.LocalSystem;
import ru.noko.methodology.registry.Organization;

/**
 * {@code bench/portal.sh}: the personal-accounts portal with a region's registry, on the whole local system as
 * {@code ./noko run} starts it (the portal from its jar on PostgreSQL, with Kafka, ClickHouse, the Flink job and the
 * gateway beside it on the same machine). Two things are measured, as the operator and the organizations meet them.
 *
 * <p>The import: a generated registry of 10,000 organizations (25 municipalities of one region, all three types,
 * contingents of the size such organizations have) uploaded as the operator's CSV file and confirmed, step by step as
 * a browser does it: the upload (the file read and checked, the draft saved), the preview (the draft against the
 * registry), the confirmation (organizations saved, accounts made, the registry published to Kafka) and the one
 * download of the first passwords. Each new-registry round starts from an empty registry (the previous round's
 * organizations and their accounts deleted in PostgreSQL), with other organization ids; then rounds re-import the
 * registry with a year's changes (500 contingents changed, 100 organizations added, 100 removed).
 *
 * <p>The load: 50 users at once, each with a session of its own and one request in flight at a time, without pauses,
 * for a fixed time after a warm-up: the 50 organizations (logged in once, their first passwords changed) loading their
 * own page {@code /organization}; 50 operator sessions loading the region's organization list (pages across the
 * whole list, and searches) and the accounts page; and, as the baseline in the same run, the same organization
 * sessions loading the login page (the same filter chain, session and template engine, with nothing behind it).
 * Scenarios alternate round by round. Every request must answer 200 (redirects are not followed): anything else is
 * counted as an error. Reported per scenario: requests, throughput, latency p50/p95/p99/max over every request, the
 * ratios of p50 and p95 to the baseline's, and the CPU per request of the portal, of PostgreSQL and of the machine.
 *
 * <p>Arguments: organizations (10000), seconds per scenario and round (30), rounds (2), users (50), new-registry
 * import rounds (3), changed-registry import rounds (3), warm-up seconds per scenario (15). With the system property
 * {@code noko.bench.hold} (seconds) the system stays up that long at the end, for a look inside (psql, JFR).
 */
public final class PortalBenchmark {

    private PortalBenchmark() {}

    /** Ends the JVM when done or failed: threads of the embedded Flink cluster would otherwise keep it alive. */
    public static void main(String[] args) {
        int status = 1;
        try {
            run(args);
            status = 0;
        } catch (Throwable e) {
            e.printStackTrace();
        } finally {
            System.exit(status);
        }
    }

    private static void run(String[] args) throws Exception {
        int organizations = intArg(args, 0, 10_000);
        int seconds = intArg(args, 1, 30);
        int rounds = intArg(args, 2, 2);
        int users = intArg(args, 3, 50);
        int newRounds = intArg(args, 4, 3);
        int changedRounds = intArg(args, 5, 3);
        int warmUp = intArg(args, 6, 15);
        int pause = intArg(args, 7, 0);
        int replace = intArg(args, 8, 1);
        int hold = Integer.getInteger("noko.bench.hold", 0);
        LocalSettings settings = LocalSettings.onFreePorts(
                DevStack.scratch("portal-bench"),
                Path.of(System.getProperty("noko.gatewayJar")).toAbsolutePath(),
                Path.of(System.getProperty("noko.portalJar")).toAbsolutePath(),
                "noko_portal_bench",
                LocalSettings.PARTITIONS,
                "bench-key-0123456789-0123456789-0123456789");
        // Closed even when the start fails halfway, so no server is left running.
        try (LocalSystem system = new LocalSystem(settings)) {
            system.start();
            PortalDatabase database = new PortalDatabase(system);
            PortalSession operator = PortalSession.login(
                    system.portalUri(),
                    system.operatorLogin(),
                    Files.readString(system.operatorPasswordFile()).strip());

            // --- The import
            List<Organization> registry = null;
            Map<String, String> firstPasswords = new HashMap<>();
            List<RegistryImport.Times> fresh = new ArrayList<>();
            for (int round = 1; round <= newRounds; round++) {
                if (round > 1) {
                    database.emptyRegistry();
                }
                registry = RegionRegistry.generate(organizations, "irk" + round + "-", round * 20_000, 1000L + round);
                BenchLines.line(
                        "set-up, import round " + round,
                        "registry of " + registry.size() + " organizations: " + RegionRegistry.describe(registry)
                                + "; CSV " + RegionRegistry.registryCsv(registry).length / 1024 + " KiB");
                RegistryImport.Times times = RegistryImport.run(system, operator, "reestr-" + round + ".csv", registry);
                RegistryImport.check(times, registry.size(), 0, 0);
                firstPasswords = times.firstPasswords();
                fresh.add(times);
                BenchLines.line("import, new registry, round " + round, times.describe());
                Thread.sleep(3000);
            }
            List<RegistryImport.Times> changed = new ArrayList<>();
            Random changes = new Random(7);
            for (int round = 1; round <= changedRounds; round++) {
                List<Organization> next = RegionRegistry.nextYear(registry, changes, round);
                RegistryImport.Times times =
                        RegistryImport.run(system, operator, "reestr-changes-" + round + ".csv", next);
                RegistryImport.check(times, 100, 500, 100);
                firstPasswords.putAll(times.firstPasswords());
                registry = next;
                changed.add(times);
                BenchLines.line("import, 500 changed + 100 added + 100 removed, round " + round, times.describe());
                Thread.sleep(3000);
            }
            if (!fresh.isEmpty()) {
                BenchLines.line(
                        "import, new registry of " + organizations + ", median of " + fresh.size(),
                        RegistryImport.medians(fresh));
            }
            if (!changed.isEmpty()) {
                BenchLines.line(
                        "import, changed registry, median of " + changed.size(), RegistryImport.medians(changed));
            }

            // --- The load, then the replacement of the whole registry (after the load: it leaves twice the accounts)
            if (rounds > 0) {
                load(system, registry, firstPasswords, users, seconds, rounds, warmUp, pause);
            }
            if (replace > 0) {
                List<Organization> renamed = RegionRegistry.generate(organizations, "irk-re-", 40_000, 99L);
                RegistryImport.Times times = RegistryImport.run(system, operator, "reestr-new-ids.csv", renamed);
                RegistryImport.check(times, renamed.size(), 0, registry.size());
                BenchLines.line(
                        "import, every organization under a new id (" + renamed.size() + " added, " + registry.size()
                                + " removed)",
                        times.describe());
            }
            if (hold > 0) {
                BenchLines.line(
                        "holding the system",
                        hold + " s: portal " + system.portalUri() + ", PostgreSQL " + database.connection()
                                + " (password in " + settings.home().resolve("postgres.password") + ")");
                Thread.sleep(hold * 1000L);
            }
        }
    }

    /** The three scenarios, each session logged in first (an organization's first password changed). */
    private static void load(
            LocalSystem system,
            List<Organization> registry,
            Map<String, String> firstPasswords,
            int users,
            int seconds,
            int rounds,
            int warmUp,
            int pause)
            throws Exception {
        List<Organization> chosen = RegionRegistry.spread(registry, firstPasswords, users);
        List<PortalSession> organizationSessions = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            Organization organization = chosen.get(i);
            PortalSession session =
                    PortalSession.login(system.portalUri(), organization.id(), firstPasswords.get(organization.id()));
            session.changePassword(firstPasswords.get(organization.id()), "Bench-password-" + i + "-x7");
            organizationSessions.add(session);
        }
        List<PortalSession> operatorSessions = new ArrayList<>();
        String operatorPassword =
                Files.readString(system.operatorPasswordFile()).strip();
        for (int i = 0; i < users; i++) {
            operatorSessions.add(PortalSession.login(system.portalUri(), system.operatorLogin(), operatorPassword));
        }
        int listPages = (registry.size() + 99) / 100;
        List<String> searches = RegionRegistry.searches(registry);
        List<PortalLoad.Scenario> scenarios = List.of(
                new PortalLoad.Scenario(
                        "baseline: GET /login",
                        organizationSessions,
                        random -> new PortalLoad.Request("login", "/login")),
                new PortalLoad.Scenario(
                        "organization page: GET /organization",
                        organizationSessions,
                        random -> new PortalLoad.Request("organization", "/organization")),
                new PortalLoad.Scenario(
                        "operator lists", operatorSessions, random -> operatorRequest(random, listPages, searches)));
        PortalLoad load = new PortalLoad(system, pause);
        BenchLines.line(
                "set-up, load",
                chosen.size() + " organization sessions (" + RegionRegistry.describe(chosen) + "), "
                        + operatorSessions.size()
                        + " operator sessions; one request in flight per session, "
                        + (pause == 0 ? "no pauses" : pause + " ms pause after each answer") + "; warm-up "
                        + warmUp + " s per scenario, then " + rounds + " rounds of " + seconds
                        + " s per scenario, alternating; portal pid "
                        + system.portalProcess().pid() + " "
                        + Arrays.stream(system.portalProcess()
                                        .info()
                                        .arguments()
                                        .orElse(new String[0]))
                                .filter(argument -> argument.startsWith("-X"))
                                .toList());
        load.idle(10);
        // Service time with nobody else asking: one session, one request at a time.
        for (PortalLoad.Scenario scenario : scenarios) {
            load.single(scenario, 40);
        }
        for (PortalLoad.Scenario scenario : scenarios) {
            load.run(scenario, warmUp, 0);
        }
        Map<String, PortalLoad.Measured> total = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (PortalLoad.Scenario scenario : scenarios) {
                PortalLoad.Measured measured = load.run(scenario, seconds, round);
                total.merge(scenario.name(), measured, PortalLoad.Measured::plus);
            }
        }
        PortalLoad.Measured baseline = total.get(scenarios.get(0).name());
        for (PortalLoad.Measured measured : total.values()) {
            PortalLoad.summary(measured, baseline);
        }
        for (PortalLoad.Measured measured : total.values()) {
            if (measured.byKind().size() > 1) {
                measured.byKind().forEach((kind, part) -> PortalLoad.summary(part, baseline));
            }
        }
    }

    /** Half the operator's requests open a page of the list, a quarter search it, a quarter open the accounts. */
    private static PortalLoad.Request operatorRequest(Random random, int listPages, List<String> searches) {
        double pick = random.nextDouble();
        if (pick < 0.5) {
            return new PortalLoad.Request(
                    "organization list, a page", "/operator/organizations?page=" + random.nextInt(listPages));
        }
        if (pick < 0.75) {
            String search = searches.get(random.nextInt(searches.size()));
            return new PortalLoad.Request(
                    "organization list, a search",
                    "/operator/organizations?search=" + URLEncoder.encode(search, StandardCharsets.UTF_8) + "&page="
                            + random.nextInt(2));
        }
        return new PortalLoad.Request("accounts", "/operator/accounts");
    }

    private static int intArg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
