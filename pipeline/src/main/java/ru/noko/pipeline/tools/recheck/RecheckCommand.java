package ru.noko.pipeline.tools.recheck;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.schemas.clickhouse.ClickHouseTarget;
import ru.noko.schemas.settings.EnvironmentSettings;

/**
 * {@code ./noko recheck}: re-judges a campaign's stored responses in strict receipt order with the stream's own
 * checks, writes a corrected verdict (a new version) wherever the stored one differs, sends the corrections that
 * change what counts to the live figures, and reports how many changed and how. Defaults reach the local run.
 */
@Command(
        name = "recheck",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Re-judges a campaign's stored responses in receipt order and corrects the verdicts that differ.")
public final class RecheckCommand implements Callable<Integer> {

    private static final EnvironmentSettings ENVIRONMENT = EnvironmentSettings.ofSystem();
    private static final ClickHouseTarget DEFAULTS = ClickHouseTarget.fromEnvironment(ENVIRONMENT);

    @Spec
    CommandSpec spec;

    @Option(names = "--campaign", required = true, description = "the campaign to re-check")
    String campaignId;

    @Option(names = "--dry-run", description = "report what would change, write nothing")
    boolean dryRun;

    @Option(names = "--clickhouse-host", description = "default: NOKO_CLICKHOUSE_HOST or ${DEFAULT-VALUE}")
    String host = DEFAULTS.host();

    @Option(
            names = "--clickhouse-port",
            description = "native protocol; default: NOKO_CLICKHOUSE_PORT or ${DEFAULT-VALUE} (the local run's)")
    int port = DEFAULTS.port();

    @Option(names = "--clickhouse-database", description = "default: NOKO_CLICKHOUSE_DATABASE or ${DEFAULT-VALUE}")
    String database = DEFAULTS.database();

    @Option(
            names = "--bootstrap",
            description =
                    "Kafka bootstrap servers; default: NOKO_KAFKA_BOOTSTRAP or ${DEFAULT-VALUE} (the local run's)")
    String bootstrap = ENVIRONMENT.text("NOKO_KAFKA_BOOTSTRAP", "127.0.0.1:19092");

    @Option(names = "--corrections-topic", description = "default: NOKO_VERDICT_CORRECTIONS_TOPIC or ${DEFAULT-VALUE}")
    String correctionsTopic = ENVIRONMENT.text("NOKO_VERDICT_CORRECTIONS_TOPIC", "noko.verdict-corrections");

    @Option(
            names = "--campaigns-dir",
            description = "extra campaign files (default: NOKO_CAMPAIGNS_DIR, or the bundled only)")
    String campaignsFolder = ENVIRONMENT.text("NOKO_CAMPAIGNS_DIR", "");

    @Option(names = "--parallelism", description = "default: ${DEFAULT-VALUE}")
    int parallelism = 2;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RecheckCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Campaigns campaigns = Campaigns.load(campaignsFolder);
        Campaign campaign = campaigns.find(campaignId).orElse(null);
        if (campaign == null) {
            err.println("ошибка: кампании " + campaignId + " нет среди известных");
            return 2;
        }
        ClickHouseTarget clickHouse = new ClickHouseTarget(host, port, database, DEFAULTS.user(), DEFAULTS.password());
        Recheck recheck = new Recheck(clickHouse, campaigns, parallelism);
        RecheckResult result = recheck.judge(campaign);
        if (!dryRun) {
            recheck.apply(
                    result, new KafkaCorrectionPublisher(bootstrap, correctionsTopic), System.currentTimeMillis());
        }
        out.print(result.report(!dryRun));
        out.flush();
        return 0;
    }
}
