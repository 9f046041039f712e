package ru.noko.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import ru.noko.schemas.privacy.Pseudonymizer;

/**
 * {@code ./noko run}: starts the whole system on this machine, prints where each part listens, and stops everything
 * on Ctrl-C. Data stays in {@code .noko/} between runs. With {@code --demo} it also publishes generated campaigns, and
 * loads their registry through the portal as the operator would ({@link DemoPortal}).
 * A service that dies is restarted, in one line each ({@link ServiceWatch}); one that cannot be stops the run with
 * exit code 1, as does a start refused (a port taken, say), in one line and without a stack trace.
 */
public final class LocalRun {

    private LocalRun() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("noko.home", ".noko")).toAbsolutePath();
        Path gatewayJar =
                Path.of(System.getProperty("noko.gatewayJar", "ingest-gateway/target/ingest-gateway-exec.jar"));
        Path portalJar = Path.of(System.getProperty("noko.portalJar", "portal/target/portal-exec.jar"));
        if (List.of(args).contains("--cluster")) {
            // The server's topology instead of the embedded default; its own folder, so the two never share data.
            ClusterRun.run(
                    Path.of(System.getProperty("noko.clusterHome", ".noko-cluster"))
                            .toAbsolutePath(),
                    gatewayJar.toAbsolutePath(),
                    portalJar.toAbsolutePath());
            return;
        }
        LocalSettings settings = LocalSettings.defaults(
                home, gatewayJar.toAbsolutePath(), portalJar.toAbsolutePath(), pseudonymKey(home), System.getenv());

        LocalSystem system = new LocalSystem(settings);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("\nnoko: stopping gateway, Flink job, Kafka and ClickHouse...");
                            system.close();
                            System.out.println("noko: stopped.");
                        },
                        "noko-stop"));
        System.out.println(
                "noko: starting ClickHouse, Kafka, PostgreSQL, the Flink job, the gateway and the portal (data in "
                        + home + ")...");
        try {
            system.start();
        } catch (RunFailure e) {
            System.out.println("noko: " + e.getMessage());
            System.exit(1);
        }
        // A daemon timer: it ends with the run.
        ScheduledExports.start(system, home.resolve("exports"));
        System.out.println(banner(system));
        if (List.of(args).contains("--demo")) {
            DemoPortal.publishCampaigns(system.kafkaBootstrapServers());
            List<DemoPortal.DemoAccount> accounts;
            try {
                accounts =
                        DemoPortal.importRegistry(system, DemoCampaign.registry(), home.resolve("demo-accounts.csv"));
            } catch (IOException e) {
                System.out.println("noko: the demo could not load its registry through the portal: " + e.getMessage());
                System.exit(1); // the shutdown hook stops everything
                return;
            }
            int responses = DemoCampaign.publish(system.kafkaBootstrapServers(), false);
            try {
                accounts = DemoFilings.file(system, accounts);
                DemoPortal.write(accounts, home.resolve("demo-accounts.csv"));
            } catch (IOException e) {
                System.out.println(
                        "noko: the demo could not file its self-assessments through the portal: " + e.getMessage());
            }
            try {
                DemoPublication.publish(system, DemoSurveys.PREVIOUS);
                accounts = DemoPlans.file(system, DemoSurveys.PREVIOUS, accounts);
                DemoPortal.write(accounts, home.resolve("demo-accounts.csv"));
                System.out.println("noko: demo results published: " + DemoSurveys.PREVIOUS + " (answers before "
                        + DemoPublication.CUT_OFF + " UTC) at " + system.resultsUri() + "/" + DemoSurveys.PREVIOUS
                        + "/index.html; improvement plans: " + DemoPlans.APPROVED + "'s approved with progress, "
                        + DemoPlans.SUBMITTED + "'s under review, " + DemoPlans.RETURNED + "'s returned, the rest"
                        + " drafts");
            } catch (Exception e) {
                System.out.println(
                        "noko: the demo could not publish " + DemoSurveys.PREVIOUS + "'s results: " + e.getMessage());
            }
            System.out.println("noko: demo published: " + responses
                    + " responses to demo-2026-noko (with fraud patterns"
                    + " and a computer-class session), demo-2025-noko, demo-2026-satisfaction and demo-2026-mechanisms;"
                    + " the campaigns through the campaigns topic, the registry through the portal, self-assessments;"
                    + " in the portal " + String.join(", ", DemoFilings.SUBMITTING) + " submitted theirs with photos, "
                    + DemoFilings.DRAFTING + " has a draft, " + DemoFilings.SUBMITTING.get(0)
                    + " registered a session with its order (their new passwords are in the file).\n"
                    + "  portal accounts (first passwords; the portal asks for a new one at the first login): "
                    + accounts.size() + " in " + home.resolve("demo-accounts.csv") + ", e.g.\n"
                    + accounts.stream()
                            .filter(account -> account.login().equals("gen-org-0")
                                    || account.login().equals("gen-org-1")
                                    || account.login().equals(DemoPortal.ANALYST)
                                    || account.login().equals(DemoPortal.MINISTRY))
                            .map(account -> "    " + account.login() + " / " + account.password() + "  ("
                                    + account.role() + ", " + account.of() + ")")
                            .collect(java.util.stream.Collectors.joining("\n"))
                    + "\n"
                    + "  clickhouse-client --config-file " + system.clickHouseClientConfig()
                    + " -q \"SELECT verdict, rejections, count() FROM response_verdicts FINAL GROUP BY verdict, rejections\"\n"
                    + "  answer the survey page of one of its organizations: " + system.gatewayUri()
                    + "/s/demo-2026-noko/gen-org-0\n"
                    + "  or the satisfaction survey, which confirms your e-mail with a code (read it in "
                    + system.outboxFolder() + "): " + system.gatewayUri() + "/s/demo-2026-satisfaction/gen-org-0");
        }
        // Until Ctrl-C, whose shutdown hook stops everything and lets the JVM end, or a service that cannot be brought
        // back: the watch said why, and the same hook stops the rest.
        system.failure().join();
        System.exit(1);
    }

    static String banner(LocalSystem system) {
        LocalSettings s = system.settings();
        return String.join(
                "\n",
                "",
                "noko is running. Ctrl-C stops everything.",
                "  survey endpoint   POST " + system.gatewayUri() + "/api/v1/responses",
                "  survey pages      " + system.gatewayUri()
                        + "/s/<campaign>/<organization>  (organizations of the registry)",
                "  gateway health    " + system.gatewayUri() + "/actuator/health",
                "  Kafka             " + system.kafkaBootstrapServers() + "  (topic " + s.topic() + ", "
                        + s.partitions() + " partitions)",
                "  Flink             " + system.flinkUri()
                        + "  (MiniCluster in this process, web UI to look only, parallelism "
                        + LocalSystem.FLINK_PARALLELISM + ", checkpoints in "
                        + s.home().resolve("checkpoints") + ")",
                "  ClickHouse        native 127.0.0.1:" + s.clickHouseTcpPort() + ", HTTP 127.0.0.1:"
                        + s.clickHouseHttpPort() + ", database " + s.database(),
                "                    clickhouse-client --config-file " + system.clickHouseClientConfig()
                        + "  (user default, password in " + system.clickHousePasswordFile() + ")",
                "  logs              " + s.home() + "/{clickhouse/log,kafka,gateway,portal,postgres/log}, Flink's in "
                        + system.runLog(),
                "  e-mail outbox     " + system.outboxFolder()
                        + "  (the codes the survey pages send, one NNNN.txt per letter)",
                "  portal            " + system.portalUri() + "  (personal accounts: user " + system.operatorLogin()
                        + ", password in " + system.operatorPasswordFile() + "; registry, campaigns, posters)",
                "  PostgreSQL        127.0.0.1:" + s.postgresPort() + "  (the portal's store, data in "
                        + s.home().resolve("postgres") + ")",
                "  ranking exports   " + s.home().resolve("exports")
                        + "  (scheduled by the campaign files; ./noko export --list)",
                "  public results    " + system.resultsUri() + "/<campaign>/index.html  (once the operator publishes"
                        + " a campaign in the portal; files in " + system.resultsFolder() + ")",
                "");
    }

    /** NOKO_PSEUDONYM_KEY, or a random key kept in the data folder so pseudonyms stay stable across local runs. */
    private static String pseudonymKey(Path home) throws IOException {
        return LocalSecrets.secret(Pseudonymizer.KEY_VARIABLE, home.resolve("pseudonym.key"));
    }
}
