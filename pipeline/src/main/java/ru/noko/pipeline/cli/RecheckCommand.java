package ru.noko.pipeline.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.methodology.cli.CampaignOptions;
import ru.noko.methodology.cli.ClickHouseOptions;
import ru.noko.methodology.cli.Commands;
import ru.noko.pipeline.recheck.KafkaCorrectionPublisher;
import ru.noko.pipeline.recheck.Recheck;
import ru.noko.pipeline.recheck.RecheckResult;
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

    @Spec
    CommandSpec spec;

    @Mixin
    CampaignOptions campaign = new CampaignOptions();

    @Option(names = "--dry-run", description = "report what would change, write nothing")
    boolean dryRun;

    @Mixin
    ClickHouseOptions clickHouse = new ClickHouseOptions();

    @Option(
            names = "--bootstrap",
            description =
                    "Kafka bootstrap servers; default: NOKO_KAFKA_BOOTSTRAP or ${DEFAULT-VALUE} (the local run's)")
    String bootstrap = ENVIRONMENT.text("NOKO_KAFKA_BOOTSTRAP", "127.0.0.1:19092");

    @Option(names = "--corrections-topic", description = "default: NOKO_VERDICT_CORRECTIONS_TOPIC or ${DEFAULT-VALUE}")
    String correctionsTopic = ENVIRONMENT.text("NOKO_VERDICT_CORRECTIONS_TOPIC", "noko.verdict-corrections");

    @Option(names = "--parallelism", description = "default: ${DEFAULT-VALUE}")
    int parallelism = 2;

    public static void main(String[] args) {
        Commands.run(new RecheckCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        Campaigns known = campaign.campaigns();
        Campaign judged = campaign.campaign(known);
        Recheck recheck = new Recheck(clickHouse.target(), known, parallelism);
        RecheckResult result = recheck.judge(judged);
        if (!dryRun) {
            recheck.apply(
                    result, new KafkaCorrectionPublisher(bootstrap, correctionsTopic), System.currentTimeMillis());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(result.report(!dryRun));
        out.flush();
        return 0;
    }
}
