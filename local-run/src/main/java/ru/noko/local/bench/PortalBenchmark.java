package ru.noko.local.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import ru.noko.devstack.DevStack;
import ru.noko.devstack.process.ChildProcess;
import ru.noko.local.LocalSettings;
import ru.noko.local.LocalSystem;
import ru.noko.local.RegistryCsv;
import ru.noko.methodology.registry.Inn;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.registry.OrganizationType;

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

    private static final String REGION = "Иркутская область";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CREDENTIALS = Pattern.compile("href=\"(/operator/registry/credentials/[^\"]+)\"");
    private static final Pattern PREVIEW_COUNT = Pattern.compile("id=\"(added|changed|removed)\"[^>]*>(\\d+)<");

    /** Municipalities of the region and their weights (the regional centre and the larger towns have more). */
    private static final String[] MUNICIPALITIES = {
        "г. Иркутск",
        "Ангарский городской округ",
        "г. Братск",
        "Иркутский район",
        "Шелеховский район",
        "г. Усолье-Сибирское",
        "Усольский район",
        "г. Усть-Илимск",
        "Усть-Илимский район",
        "Тайшетский район",
        "Нижнеудинский район",
        "Тулунский район",
        "г. Тулун",
        "Черемховский район",
        "г. Черемхово",
        "г. Саянск",
        "Зиминский район",
        "Куйтунский район",
        "Киренский район",
        "Казачинско-Ленский район",
        "Слюдянский район",
        "Эхирит-Булагатский район",
        "Боханский район",
        "Ольхонский район",
        "Катангский район"
    };

    private static final int[] MUNICIPALITY_WEIGHTS = {
        40, 18, 16, 10, 8, 7, 6, 6, 5, 6, 6, 5, 3, 5, 3, 3, 3, 3, 2, 2, 3, 3, 2, 1, 1
    };

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
        LocalSettings settings = new LocalSettings(
                DevStack.scratch("portal-bench"),
                Path.of(System.getProperty("noko.gatewayJar")).toAbsolutePath(),
                Path.of(System.getProperty("noko.portalJar")).toAbsolutePath(),
                ChildProcess.freePort(),
                ChildProcess.freePort(),
                ChildProcess.freePort(),
                ChildProcess.freePort(),
                ChildProcess.freePort(),
                ChildProcess.freePort(),
                ChildProcess.freePort(),
                ChildProcess.freePort(),
                "noko_portal_bench",
                LocalSettings.TOPIC,
                LocalSettings.PARTITIONS,
                "bench-key-0123456789-0123456789-0123456789");
        // Closed even when the start fails halfway, so no server is left running.
        try (LocalSystem system = new LocalSystem(settings)) {
            system.start();
            Database database = new Database(system);
            Session operator = Session.login(
                    system.portalUri(),
                    system.operatorLogin(),
                    Files.readString(system.operatorPasswordFile()).strip());

            // --- The import
            List<Organization> registry = null;
            Map<String, String> firstPasswords = new HashMap<>();
            List<ImportTimes> fresh = new ArrayList<>();
            for (int round = 1; round <= newRounds; round++) {
                if (round > 1) {
                    database.emptyRegistry();
                }
                registry = generate(organizations, "irk" + round + "-", round * 20_000, 1000L + round);
                line(
                        "set-up, import round " + round,
                        "registry of " + registry.size() + " organizations: " + describe(registry) + "; CSV "
                                + registryCsv(registry).length / 1024 + " KiB");
                ImportTimes times = importRegistry(system, operator, "reestr-" + round + ".csv", registry);
                check(times, registry.size(), 0, 0);
                firstPasswords = times.firstPasswords();
                fresh.add(times);
                line("import, new registry, round " + round, times.describe());
                Thread.sleep(3000);
            }
            List<ImportTimes> changed = new ArrayList<>();
            Random changes = new Random(7);
            for (int round = 1; round <= changedRounds; round++) {
                List<Organization> next = nextYear(registry, changes, round);
                ImportTimes times = importRegistry(system, operator, "reestr-changes-" + round + ".csv", next);
                check(times, 100, 500, 100);
                firstPasswords.putAll(times.firstPasswords());
                registry = next;
                changed.add(times);
                line("import, 500 changed + 100 added + 100 removed, round " + round, times.describe());
                Thread.sleep(3000);
            }
            if (!fresh.isEmpty()) {
                line("import, new registry of " + organizations + ", median of " + fresh.size(), medians(fresh));
            }
            if (!changed.isEmpty()) {
                line("import, changed registry, median of " + changed.size(), medians(changed));
            }

            // --- The load, then the replacement of the whole registry (after the load: it leaves twice the accounts)
            if (rounds > 0) {
                load(system, registry, firstPasswords, users, seconds, rounds, warmUp, pause);
            }
            if (replace > 0) {
                List<Organization> renamed = generate(organizations, "irk-re-", 40_000, 99L);
                ImportTimes times = importRegistry(system, operator, "reestr-new-ids.csv", renamed);
                check(times, renamed.size(), 0, registry.size());
                line(
                        "import, every organization under a new id (" + renamed.size() + " added, " + registry.size()
                                + " removed)",
                        times.describe());
            }
            if (hold > 0) {
                line(
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
        List<Organization> chosen = spread(registry, firstPasswords, users);
        List<Session> organizationSessions = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            Organization organization = chosen.get(i);
            Session session =
                    Session.login(system.portalUri(), organization.id(), firstPasswords.get(organization.id()));
            session.changePassword(firstPasswords.get(organization.id()), "Bench-password-" + i + "-x7");
            organizationSessions.add(session);
        }
        List<Session> operatorSessions = new ArrayList<>();
        String operatorPassword =
                Files.readString(system.operatorPasswordFile()).strip();
        for (int i = 0; i < users; i++) {
            operatorSessions.add(Session.login(system.portalUri(), system.operatorLogin(), operatorPassword));
        }
        int listPages = (registry.size() + 99) / 100;
        List<String> searches = searches(registry);
        List<Scenario> scenarios = List.of(
                new Scenario("baseline: GET /login", organizationSessions, random -> new Request("login", "/login")),
                new Scenario(
                        "organization page: GET /organization",
                        organizationSessions,
                        random -> new Request("organization", "/organization")),
                new Scenario(
                        "operator lists", operatorSessions, random -> operatorRequest(random, listPages, searches)));
        Load load = new Load(system, pause);
        line(
                "set-up, load",
                chosen.size() + " organization sessions (" + describe(chosen) + "), " + operatorSessions.size()
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
        for (Scenario scenario : scenarios) {
            load.single(scenario, 40);
        }
        for (Scenario scenario : scenarios) {
            load.run(scenario, warmUp, 0);
        }
        Map<String, Measured> total = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Scenario scenario : scenarios) {
                Measured measured = load.run(scenario, seconds, round);
                total.merge(scenario.name(), measured, Measured::plus);
            }
        }
        Measured baseline = total.get(scenarios.get(0).name());
        for (Measured measured : total.values()) {
            summary(measured, baseline);
        }
        for (Measured measured : total.values()) {
            if (measured.byKind().size() > 1) {
                measured.byKind().forEach((kind, part) -> summary(part, baseline));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ the import

    /** One import's steps, in seconds, and the first passwords it gave. */
    record ImportTimes(
            double upload,
            double preview,
            double confirm,
            double download,
            Cpu cpu,
            Cpu confirmCpu,
            Map<String, Integer> counts,
            Map<String, String> firstPasswords) {

        double total() {
            return upload + preview + confirm + download;
        }

        String describe() {
            return String.format(
                    Locale.ROOT,
                    "end to end %.2f s: upload %.2f s, preview %.2f s, confirm %.2f s, first passwords %.2f s; "
                            + "preview: added %d, changed %d, removed %d; %d first passwords; CPU, whole import:"
                            + " portal %.2f s, PostgreSQL %.2f s, machine %.2f s; of it the confirmation: portal"
                            + " %.2f s, PostgreSQL %.2f s, machine %.2f s",
                    total(),
                    upload,
                    preview,
                    confirm,
                    download,
                    counts.getOrDefault("added", -1),
                    counts.getOrDefault("changed", -1),
                    counts.getOrDefault("removed", -1),
                    firstPasswords.size(),
                    cpu.portalMs() / 1000,
                    cpu.postgresMs() / 1000,
                    cpu.machineMs() / 1000,
                    confirmCpu.portalMs() / 1000,
                    confirmCpu.postgresMs() / 1000,
                    confirmCpu.machineMs() / 1000);
        }
    }

    /**
     * The operator's import as a browser makes it: the registry page (not timed: the operator opening it), the
     * upload (answered by a redirect to the preview), the preview, the confirmation posted with the preview's own
     * form token, and the first passwords' download.
     */
    private static ImportTimes importRegistry(
            LocalSystem system, Session operator, String fileName, List<Organization> registry) throws IOException {
        byte[] content = registryCsv(registry);
        String token = operator.csrf(operator.page("/operator/registry"));
        String boundary = "noko-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token
                        + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                        + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

        Cpu before = Cpu.now(system);
        long start = System.nanoTime();
        HttpResponse<String> uploaded = operator.send(HttpRequest.newBuilder(operator.uri("/operator/registry"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        long afterUpload = System.nanoTime();
        String draft = uploaded.headers()
                .firstValue("Location")
                .map(l -> URI.create(l).getPath())
                .orElse("");
        if (uploaded.statusCode() != 302 || !draft.startsWith("/operator/registry/drafts/")) {
            throw new IOException("the upload was answered " + uploaded.statusCode() + ": " + text(uploaded.body()));
        }
        String preview = operator.page(draft);
        long afterPreview = System.nanoTime();
        Map<String, Integer> counts = new HashMap<>();
        Matcher count = PREVIEW_COUNT.matcher(preview);
        while (count.find()) {
            counts.put(count.group(1), Integer.parseInt(count.group(2)));
        }
        Cpu beforeConfirm = Cpu.now(system);
        HttpResponse<String> done = operator.postForm(draft + "/confirm", Map.of(), operator.csrf(preview));
        long afterConfirm = System.nanoTime();
        Cpu confirmCpu = Cpu.now(system).minus(beforeConfirm);
        if (done.statusCode() != 200 || !done.body().contains("Реестр загружен")) {
            throw new IOException("the confirmation was answered " + done.statusCode() + ": " + text(done.body()));
        }
        Matcher link = CREDENTIALS.matcher(done.body());
        String csv = link.find() ? operator.page(link.group(1)) : "";
        long afterDownload = System.nanoTime();
        Cpu cpu = Cpu.now(system).minus(before);
        return new ImportTimes(
                seconds(afterUpload - start),
                seconds(afterPreview - afterUpload),
                seconds(afterConfirm - afterPreview),
                seconds(afterDownload - afterConfirm),
                cpu,
                confirmCpu,
                counts,
                firstPasswords(csv));
    }

    private static void check(ImportTimes times, int added, int changed, int removed) {
        Map<String, Integer> expected = Map.of("added", added, "changed", changed, "removed", removed);
        if (!expected.equals(times.counts()) || times.firstPasswords().size() != added) {
            throw new IllegalStateException(
                    "the import did not do what was expected (" + expected + "): " + times.describe());
        }
    }

    private static String medians(List<ImportTimes> rounds) {
        return String.format(
                Locale.ROOT,
                "end to end %.2f s (%s); upload %.2f s, preview %.2f s, confirm %.2f s, first passwords %.2f s"
                        + " (medians of each step)",
                median(rounds.stream().map(ImportTimes::total).toList()),
                rounds.stream()
                        .map(r -> String.format(Locale.ROOT, "%.2f", r.total()))
                        .collect(Collectors.joining(" / ")),
                median(rounds.stream().map(ImportTimes::upload).toList()),
                median(rounds.stream().map(ImportTimes::preview).toList()),
                median(rounds.stream().map(ImportTimes::confirm).toList()),
                median(rounds.stream().map(ImportTimes::download).toList()));
    }

    /** organization_id → first password, from the download (organization_id,name,municipality,login,password). */
    private static Map<String, String> firstPasswords(String csv) throws IOException {
        Map<String, String> passwords = new HashMap<>();
        String plain = csv.replace("\uFEFF", "").strip();
        if (plain.isEmpty()) {
            return passwords;
        }
        List<CSVRecord> records =
                CSVFormat.RFC4180.parse(new StringReader(plain)).getRecords();
        for (int i = 1; i < records.size(); i++) {
            passwords.put(records.get(i).get(3), records.get(i).get(4));
        }
        return passwords;
    }

    // ------------------------------------------------------------------------------------------------ the registry

    /**
     * A region's registry: municipalities weighted as a region's are (the regional centre has the most), four in
     * ten kindergartens, four in ten schools, two in ten organizations of additional education, contingents of the
     * size each kind has. The same arguments give the same registry.
     */
    static List<Organization> generate(int count, String idPrefix, int innBase, long seed) {
        Random random = new Random(seed);
        int weights = Arrays.stream(MUNICIPALITY_WEIGHTS).sum();
        Map<String, Integer> numbers = new HashMap<>();
        List<Organization> organizations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int pick = random.nextInt(weights);
            int m = 0;
            while (pick >= MUNICIPALITY_WEIGHTS[m]) {
                pick -= MUNICIPALITY_WEIGHTS[m];
                m++;
            }
            String municipality = MUNICIPALITIES[m];
            double kind = random.nextDouble();
            OrganizationType type = kind < 0.4
                    ? OrganizationType.PRESCHOOL
                    : kind < 0.8 ? OrganizationType.GENERAL : OrganizationType.ADDITIONAL;
            int number = numbers.merge(municipality + type, 1, Integer::sum);
            organizations.add(new Organization(
                    String.format(Locale.ROOT, "%s%05d", idPrefix, i),
                    name(type, number, municipality),
                    Inn.legalEntity(String.format(Locale.ROOT, "38%07d", innBase + i)),
                    type,
                    municipality,
                    REGION,
                    contingent(type, random)));
        }
        return organizations;
    }

    private static String name(OrganizationType type, int number, String municipality) {
        return switch (type) {
            case PRESCHOOL ->
                "Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад № " + number + "» ("
                        + municipality + ")";
            case GENERAL ->
                "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № " + number
                        + "» (" + municipality + ")";
            case ADDITIONAL ->
                "Муниципальное бюджетное учреждение дополнительного образования «Дом детского творчества № " + number
                        + "» (" + municipality + ")";
        };
    }

    private static Map<String, Integer> contingent(OrganizationType type, Random random) {
        Map<String, Integer> contingent = new TreeMap<>();
        contingent.put("director", 1);
        switch (type) {
            case PRESCHOOL -> {
                int children = between(random, 40, 350);
                contingent.put("parent", children * between(random, 150, 190) / 100);
                contingent.put("teacher", Math.max(4, children / 11));
                contingent.put("deputy", between(random, 1, 2));
            }
            case GENERAL -> {
                int pupils = between(random, 60, 1600);
                // Pupils from the fifth grade answer themselves; every pupil's parents are asked.
                contingent.put("student", pupils * 55 / 100);
                contingent.put("parent", pupils * between(random, 140, 180) / 100);
                contingent.put("teacher", Math.max(8, pupils / 14));
                contingent.put("deputy", between(random, 1, 6));
            }
            case ADDITIONAL -> {
                int students = between(random, 150, 2500);
                contingent.put("student", students * 60 / 100);
                contingent.put("parent", students * between(random, 80, 120) / 100);
                contingent.put("teacher", Math.max(5, students / 40));
                contingent.put("deputy", between(random, 1, 3));
            }
        }
        return contingent;
    }

    /** The registry a year later: 500 contingents changed, 100 organizations closed and 100 opened. */
    private static List<Organization> nextYear(List<Organization> registry, Random random, int round) {
        List<Organization> next = new ArrayList<>(registry);
        TreeSet<Integer> touched = new TreeSet<>();
        while (touched.size() < 600) {
            touched.add(random.nextInt(next.size()));
        }
        List<Integer> indices = new ArrayList<>(touched);
        java.util.Collections.shuffle(indices, random);
        for (int index : indices.subList(0, 500)) {
            Organization o = next.get(index);
            Map<String, Integer> contingent = new TreeMap<>(o.contingent());
            contingent.computeIfPresent("parent", (role, people) -> people + 1 + random.nextInt(30));
            next.set(
                    index,
                    new Organization(o.id(), o.name(), o.inn(), o.type(), o.municipality(), o.region(), contingent));
        }
        List<Integer> closed = new ArrayList<>(indices.subList(500, 600));
        closed.sort(java.util.Comparator.reverseOrder());
        for (int index : closed) {
            next.remove(index);
        }
        List<Organization> opened = generate(100, "irk-new" + round + "-", 90_000 + round * 100, 5000L + round);
        next.addAll(opened);
        // INNs stay unique in the file: the opened ones come from a range of their own.
        return next;
    }

    static byte[] registryCsv(List<Organization> organizations) throws IOException {
        return RegistryCsv.of(organizations).getBytes(StandardCharsets.UTF_8);
    }

    private static String describe(List<Organization> organizations) {
        Map<OrganizationType, Long> types = organizations.stream()
                .collect(Collectors.groupingBy(Organization::type, TreeMap::new, Collectors.counting()));
        long municipalities = organizations.stream()
                .map(Organization::municipality)
                .distinct()
                .count();
        return municipalities + " municipalities; "
                + types.entrySet().stream()
                        .map(e -> e.getKey().code() + " " + e.getValue())
                        .collect(Collectors.joining(", "));
    }

    /** {@code count} organizations with known first passwords, spread evenly over the registry. */
    private static List<Organization> spread(List<Organization> registry, Map<String, String> passwords, int count) {
        List<Organization> known =
                registry.stream().filter(o -> passwords.containsKey(o.id())).toList();
        List<Organization> chosen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            chosen.add(known.get((int) ((long) i * known.size() / count)));
        }
        return chosen;
    }

    /** What the operator searches for: a municipality, a number, a kind of organization, an id, an INN's start. */
    private static List<String> searches(List<Organization> registry) {
        List<String> searches = new ArrayList<>(List.of(MUNICIPALITIES).subList(0, 10));
        searches.addAll(List.of("детский сад № 12", "школа № 7", "дом детского творчества", "иркутск", "№ 101"));
        searches.add(registry.get(registry.size() / 3).id());
        searches.add(registry.get(registry.size() / 2).inn().substring(0, 8));
        return searches;
    }

    /** Half the operator's requests open a page of the list, a quarter search it, a quarter open the accounts. */
    private static Request operatorRequest(Random random, int listPages, List<String> searches) {
        double pick = random.nextDouble();
        if (pick < 0.5) {
            return new Request(
                    "organization list, a page", "/operator/organizations?page=" + random.nextInt(listPages));
        }
        if (pick < 0.75) {
            String search = searches.get(random.nextInt(searches.size()));
            return new Request(
                    "organization list, a search",
                    "/operator/organizations?search=" + URLEncoder.encode(search, StandardCharsets.UTF_8) + "&page="
                            + random.nextInt(2));
        }
        return new Request("accounts", "/operator/accounts");
    }

    // ------------------------------------------------------------------------------------------------ the load

    record Request(String kind, String path) {}

    record Scenario(String name, List<Session> sessions, Function<Random, Request> next) {}

    /** Latencies (ns) of the requests that answered 200, errors, bytes, and CPU spent, of one or more rounds. */
    record Measured(
            String name,
            long[] latencies,
            long errors,
            long bytes,
            double seconds,
            double portalCpuMs,
            double postgresCpuMs,
            double clientCpuMs,
            double machineCpuMs,
            Map<String, Measured> byKind) {

        Measured plus(Measured other) {
            Map<String, Measured> kinds = new TreeMap<>(byKind);
            other.byKind.forEach((kind, part) -> kinds.merge(kind, part, Measured::plus));
            long[] all = Arrays.copyOf(latencies, latencies.length + other.latencies.length);
            System.arraycopy(other.latencies, 0, all, latencies.length, other.latencies.length);
            Arrays.sort(all);
            return new Measured(
                    name,
                    all,
                    errors + other.errors,
                    bytes + other.bytes,
                    seconds + other.seconds,
                    portalCpuMs + other.portalCpuMs,
                    postgresCpuMs + other.postgresCpuMs,
                    clientCpuMs + other.clientCpuMs,
                    machineCpuMs + other.machineCpuMs,
                    kinds);
        }

        long requests() {
            return latencies.length + errors;
        }

        double ms(int percent) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percent / 100.0 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(latencies.length - 1, index))] / 1e6;
        }

        String describe() {
            long n = requests();
            String cpu = portalCpuMs > 0
                    ? String.format(
                            Locale.ROOT,
                            "; CPU per request: portal %.2f ms, PostgreSQL %.2f ms, benchmark JVM (clients) %.2f ms,"
                                    + " machine %.2f ms",
                            portalCpuMs / Math.max(1, n),
                            postgresCpuMs / Math.max(1, n),
                            clientCpuMs / Math.max(1, n),
                            machineCpuMs / Math.max(1, n))
                    : "";
            return String.format(
                    Locale.ROOT,
                    "%d requests, %.1f/s; p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; errors %d; %.0f KiB"
                            + " per page%s",
                    n,
                    n / seconds,
                    ms(50),
                    ms(95),
                    ms(99),
                    ms(100),
                    errors,
                    bytes / 1024.0 / Math.max(1, latencies.length),
                    cpu);
        }
    }

    private static void summary(Measured measured, Measured baseline) {
        line(
                "summary, " + measured.name(),
                measured.describe()
                        + String.format(
                                Locale.ROOT,
                                "; to the baseline: p50 %.2f, p95 %.2f; p95 under 200 ms: %s",
                                measured.ms(50) / baseline.ms(50),
                                measured.ms(95) / baseline.ms(95),
                                measured.ms(95) < 200 && measured.errors() == 0 ? "yes" : "NO"));
    }

    /** Runs scenarios: every session on a thread of its own, one request after another until the time is up. */
    private static final class Load {
        private final LocalSystem system;
        private final Map<String, String> errorsSeen = new ConcurrentHashMap<>();

        private final int pause;

        Load(LocalSystem system, int pause) {
            this.system = system;
            this.pause = pause;
        }

        /** What the machine does without the load: the system's own background and whatever else runs. */
        void idle(int seconds) throws Exception {
            Cpu before = Cpu.now(system);
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            double elapsed = (System.nanoTime() - start) / 1e6;
            Cpu used = Cpu.now(system).minus(before);
            line(
                    "machine without load, " + seconds + " s",
                    String.format(
                            Locale.ROOT,
                            "busy %.0f %% of %d cores (portal %.1f %%, PostgreSQL %.1f %%, benchmark JVM %.1f %%)",
                            100
                                    * used.machineMs()
                                    / elapsed
                                    / Runtime.getRuntime().availableProcessors(),
                            Runtime.getRuntime().availableProcessors(),
                            100 * used.portalMs() / elapsed,
                            100 * used.postgresMs() / elapsed,
                            100 * used.clientMs() / elapsed));
        }

        /** One session, one request at a time: the service time when nobody else asks. */
        void single(Scenario scenario, int requests) throws Exception {
            Session session = scenario.sessions().get(0);
            Random random = new Random(11);
            Map<String, List<Long>> byKind = new TreeMap<>();
            for (int i = 0; i < requests * 2; i++) {
                Request request = scenario.next().apply(random);
                long start = System.nanoTime();
                Answer answer = session.timed(request.path());
                long took = System.nanoTime() - start;
                if (answer.status() != 200) {
                    throw new IllegalStateException(request.path() + " answered " + answer.status());
                }
                if (i >= requests) {
                    // The first half warms the path up.
                    byKind.computeIfAbsent(request.kind(), k -> new ArrayList<>())
                            .add(took);
                }
            }
            byKind.forEach((kind, took) -> {
                long[] sorted =
                        took.stream().mapToLong(Long::longValue).sorted().toArray();
                line(
                        "one user alone, " + kind,
                        String.format(
                                Locale.ROOT,
                                "%d requests: p50 %.1f ms, max %.1f ms",
                                sorted.length,
                                sorted[(sorted.length - 1) / 2] / 1e6,
                                sorted[sorted.length - 1] / 1e6));
            });
        }

        /** The scenario for {@code seconds}; round 0 is the warm-up, reported but not counted. */
        Measured run(Scenario scenario, int seconds, int round) throws Exception {
            int users = scenario.sessions().size();
            ExecutorService threads = Executors.newFixedThreadPool(users);
            CountDownLatch ready = new CountDownLatch(users);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Map<String, Part>>> results = new ArrayList<>();
            long[] deadline = new long[1];
            for (int u = 0; u < users; u++) {
                Session session = scenario.sessions().get(u);
                Random random = new Random(round * 1000L + u);
                results.add(threads.submit(() -> {
                    Map<String, Part> parts = new HashMap<>();
                    ready.countDown();
                    go.await();
                    while (System.nanoTime() < deadline[0]) {
                        Request request = scenario.next().apply(random);
                        Part part = parts.computeIfAbsent(request.kind(), k -> new Part());
                        long start = System.nanoTime();
                        try {
                            Answer answer = session.timed(request.path());
                            long took = System.nanoTime() - start;
                            if (answer.status() == 200) {
                                part.add(took, answer.bytes());
                            } else {
                                part.errors++;
                                errorsSeen.putIfAbsent(request.kind() + " " + answer.status(), request.path());
                            }
                        } catch (IOException e) {
                            part.errors++;
                            errorsSeen.putIfAbsent(request.kind() + " " + e, request.path());
                        }
                        if (pause > 0) {
                            Thread.sleep(pause);
                        }
                    }
                    return parts;
                }));
            }
            ready.await();
            Cpu before = Cpu.now(system);
            long start = System.nanoTime();
            deadline[0] = start + TimeUnit.SECONDS.toNanos(seconds);
            go.countDown();
            Map<String, Part> merged = new TreeMap<>();
            for (Future<Map<String, Part>> result : results) {
                result.get().forEach((kind, part) -> merged.merge(kind, part, Part::plus));
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            Cpu used = Cpu.now(system).minus(before);
            threads.shutdown();
            Map<String, Measured> kinds = new TreeMap<>();
            merged.forEach((kind, part) -> kinds.put(kind, part.measured(scenario.name() + ": " + kind, elapsed)));
            Part all = merged.values().stream().reduce(new Part(), Part::plus);
            Measured measured = new Measured(
                    scenario.name(),
                    all.sorted(),
                    all.errors,
                    all.bytes,
                    elapsed,
                    used.portalMs(),
                    used.postgresMs(),
                    used.clientMs(),
                    used.machineMs(),
                    kinds.size() > 1 ? kinds : Map.of());
            line(scenario.name() + (round == 0 ? ", warm-up (not counted)" : ", round " + round), measured.describe());
            if (!errorsSeen.isEmpty()) {
                line("errors seen so far", errorsSeen.toString());
            }
            return measured;
        }
    }

    /** One kind of request's results on one thread, then merged. */
    private static final class Part {
        long[] latencies = new long[1024];
        int count;
        long errors;
        long bytes;

        void add(long nanos, long size) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
            bytes += size;
        }

        Part plus(Part other) {
            Part sum = new Part();
            sum.latencies = Arrays.copyOf(latencies, count + other.count);
            System.arraycopy(other.latencies, 0, sum.latencies, count, other.count);
            sum.count = count + other.count;
            sum.errors = errors + other.errors;
            sum.bytes = bytes + other.bytes;
            return sum;
        }

        long[] sorted() {
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            return sorted;
        }

        /** One kind of request of a scenario whose kinds ran together: no CPU of its own. */
        Measured measured(String name, double seconds) {
            return new Measured(name, sorted(), errors, bytes, seconds, 0, 0, 0, 0, Map.of());
        }
    }

    /** CPU time in ms: the portal's process, PostgreSQL's processes, this JVM (the clients), the whole machine. */
    record Cpu(double portalMs, double postgresMs, double clientMs, double machineMs) {

        static Cpu now(LocalSystem system) throws IOException {
            double postgres = 0;
            ProcessHandle server = system.postgresProcess();
            postgres += processMs(server.pid());
            for (ProcessHandle child : server.descendants().toList()) {
                postgres += processMs(child.pid());
            }
            return new Cpu(
                    processMs(system.portalProcess().pid()),
                    postgres,
                    processMs(ProcessHandle.current().pid()),
                    machineBusyMs());
        }

        Cpu minus(Cpu before) {
            return new Cpu(
                    portalMs - before.portalMs,
                    postgresMs - before.postgresMs,
                    clientMs - before.clientMs,
                    machineMs - before.machineMs);
        }

        /** utime + stime (own, and of children waited for) from /proc/<pid>/stat; 0 once the process is gone. */
        private static double processMs(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // After the command: state(0) ... utime(11) stime(12) cutime(13) cstime(14), in clock ticks (100/s).
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        private static double machineBusyMs() throws IOException {
            String[] fields =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy * 10.0;
        }
    }

    /** An answer's status and size; its body read to the end (and dropped) before the clock stops. */
    record Answer(int status, long bytes) {}

    /**
     * One person's browser: its own cookies (the session), HTTP/1.1 with a kept-alive connection, redirects not
     * followed (a redirect where a page was expected is an error).
     */
    static final class Session {
        private final URI base;
        private final HttpClient http;
        private final byte[] buffer = new byte[64 * 1024];

        Session(URI base) {
            this.base = base;
            this.http = HttpClient.newBuilder()
                    .cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
        }

        static Session login(URI base, String login, String password) throws IOException {
            Session session = new Session(base);
            String token = session.csrf(session.page("/login"));
            HttpResponse<String> answer =
                    session.postForm("/login", Map.of("username", login, "password", password), token);
            String location = answer.headers().firstValue("Location").orElse("");
            if (answer.statusCode() != 302 || location.contains("/login")) {
                throw new IOException(
                        "the portal refused the login of " + login + ": " + answer.statusCode() + " " + location);
            }
            return session;
        }

        void changePassword(String current, String next) throws IOException {
            String token = csrf(page("/account/password"));
            HttpResponse<String> answer = postForm(
                    "/account/password", Map.of("current", current, "password", next, "repeated", next), token);
            if (answer.statusCode() != 302
                    || !answer.headers().firstValue("Location").orElse("").contains("password-changed")) {
                throw new IOException("the portal did not take the new password: " + text(answer.body()));
            }
        }

        URI uri(String path) {
            return base.resolve(path);
        }

        /** A page that must answer 200. */
        String page(String path) throws IOException {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(uri(path)).GET());
            if (answer.statusCode() != 200) {
                throw new IOException(path + " answered " + answer.statusCode() + " "
                        + answer.headers().firstValue("Location").orElse(""));
            }
            return answer.body();
        }

        Answer timed(String path) throws IOException {
            try {
                HttpResponse<InputStream> answer = http.send(
                        HttpRequest.newBuilder(uri(path))
                                .timeout(Duration.ofSeconds(60))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                long bytes = 0;
                try (InputStream body = answer.body()) {
                    for (int n; (n = body.read(buffer)) >= 0; ) {
                        bytes += n;
                    }
                }
                return new Answer(answer.statusCode(), bytes);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        HttpResponse<String> postForm(String path, Map<String, String> fields, String csrf) throws IOException {
            Map<String, String> form = new LinkedHashMap<>(fields);
            form.put("_csrf", csrf);
            String body = form.entrySet().stream()
                    .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        String csrf(String html) throws IOException {
            Matcher token = CSRF.matcher(html);
            if (!token.find()) {
                throw new IOException("no form token on the page: " + text(html));
            }
            return token.group(1);
        }

        HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
            try {
                return http.send(
                        request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    /** The portal's PostgreSQL through psql: between new-registry rounds, the registry emptied. */
    private static final class Database {
        private final LocalSystem system;

        Database(LocalSystem system) {
            this.system = system;
        }

        String connection() {
            return "psql -h 127.0.0.1 -p " + system.postgres().port() + " -U "
                    + system.postgres().user() + " "
                    + URI.create(system.postgres().jdbcUrl().substring(5))
                            .getPath()
                            .substring(1);
        }

        /** The organizations and their accounts deleted (the audit log keeps its rows), then vacuumed. */
        void emptyRegistry() throws Exception {
            psql("DELETE FROM registry_drafts; DELETE FROM password_resets WHERE account_id IN (SELECT id FROM accounts"
                    + " WHERE role = 'ORGANIZATION'); DELETE FROM accounts WHERE role = 'ORGANIZATION';"
                    + " DELETE FROM organizations;");
            psql("VACUUM ANALYZE organizations, accounts, registry_drafts;");
        }

        private void psql(String sql) throws Exception {
            ProcessBuilder command = new ProcessBuilder(List.of(
                            "psql",
                            "-X",
                            "-q",
                            "-v",
                            "ON_ERROR_STOP=1",
                            "-h",
                            "127.0.0.1",
                            "-p",
                            String.valueOf(system.postgres().port()),
                            "-U",
                            system.postgres().user(),
                            "-d",
                            URI.create(system.postgres().jdbcUrl().substring(5))
                                    .getPath()
                                    .substring(1),
                            "-c",
                            sql))
                    .redirectErrorStream(true);
            command.environment().put("PGPASSWORD", system.postgres().password());
            Process process = command.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("psql failed: " + output);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static int between(Random random, int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static int intArg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    private static void line(String what, String result) {
        System.out.println("BENCH | " + what + " | " + result + " |");
    }

    /** A page's text without its markup, shortened. */
    private static String text(String html) {
        String plain = html.replaceAll("(?s)<style.*?</style>", " ")
                .replaceAll("<[^>]+>", " ")
                .replaceAll("\\s+", " ")
                .strip();
        return plain.length() > 400 ? plain.substring(0, 400) + "…" : plain;
    }
}
