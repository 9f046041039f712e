package ru.noko.publication.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import ru.noko.export.cli.SoftwareVersion;
import ru.noko.export.inputs.StoredInputs;
import ru.noko.export.ranking.Exporter;
import ru.noko.export.store.CutOffName;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.methodology.cli.CampaignOptions;
import ru.noko.methodology.cli.ClickHouseOptions;
import ru.noko.methodology.cli.Commands;
import ru.noko.posters.PosterFonts;
import ru.noko.publication.ResultsPublisher;
import ru.noko.publication.report.AnalyticalReport;
import ru.noko.publication.report.PlanSummaries;
import ru.noko.publication.report.PlanSummary;
import ru.noko.publication.site.PublicSite;
import ru.noko.publication.site.Publication;
import ru.noko.publication.site.SiteAddress;
import ru.noko.schemas.clickhouse.ClickHouseTarget;
import ru.noko.schemas.settings.EnvironmentSettings;

/**
 * {@code ./noko report}: the region's analytical report of a campaign as PDF, with a manifest, into
 * {@code <out>/<campaign>/<cut-off>/}. The figures are read from ClickHouse at the cut-off (by default the one the
 * campaign's results were published at), the state of the improvement plans from the portal's PostgreSQL
 * ({@code NOKO_PORTAL_DB_URL}; without it the report says it has none).
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Writes a campaign's analytical report (PDF, manifest) for the region.")
public final class ReportCommand implements Callable<Integer> {

    @Mixin
    final CampaignOptions campaign;

    @Option(
            names = "--cut-off",
            description = "responses received before this instant count (ISO-8601, UTC); default: the published one,"
                    + " else now")
    Instant cutOff;

    @Option(names = "--out", description = "default: NOKO_REPORTS_DIR or .noko/reports")
    Path out;

    @Mixin
    final ClickHouseOptions clickHouse;

    private final EnvironmentSettings environment;

    public ReportCommand() {
        this(System.getenv());
    }

    ReportCommand(Map<String, String> variables) {
        this.environment = new EnvironmentSettings(variables);
        this.campaign = new CampaignOptions(variables);
        this.clickHouse = new ClickHouseOptions(variables);
    }

    public static void main(String[] args) {
        Commands.run(new ReportCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        Path reports = out != null ? out : Path.of(environment.text("NOKO_REPORTS_DIR", ".noko/reports"));
        Campaigns campaigns = campaign.campaigns();
        Campaign reported = campaign.campaign(campaigns);
        ClickHouseTarget target = clickHouse.target();
        PublicSite site =
                new PublicSite(Path.of(environment.text("NOKO_RESULTS_DIR", ".noko/results")), new SiteAddress(""), "");
        ResultsPublisher publisher = new ResultsPublisher(
                campaigns::find,
                (c, at) -> StoredInputs.read(target, c, at),
                new Exporter(Path.of(environment.text("NOKO_EXPORTS_DIR", ".noko/exports")), "report"),
                site);
        Instant cut = cutOff != null
                ? cutOff
                : site.publication(reported.id()).map(Publication::cutOff).orElse(Instant.now());
        PlanSummary plans = plans(reported.id());
        Path folder = reports.resolve(reported.id()).resolve(CutOffName.of(cut));
        Path pdf = new AnalyticalReport(PosterFonts.in(
                        Path.of(environment.text("NOKO_FONTS_DIR", PosterFonts.DEBIAN_FOLDER.toString()))))
                .write(
                        publisher.results(reported.id(), cut),
                        reported.coverage(),
                        plans,
                        SoftwareVersion.current(),
                        folder);
        System.err.println("report: " + pdf
                + (plans.available() ? "" : " (без сведений о планах: не задан" + " NOKO_PORTAL_DB_URL)"));
        return 0;
    }

    private PlanSummary plans(String campaign) throws Exception {
        Optional<String> url =
                Optional.of(environment.text("NOKO_PORTAL_DB_URL", "")).filter(u -> !u.isBlank());
        if (url.isEmpty()) {
            return PlanSummary.unknown();
        }
        try (Connection connection = DriverManager.getConnection(
                url.get(),
                environment.text("NOKO_PORTAL_DB_USER", "noko"),
                environment.text("NOKO_PORTAL_DB_PASSWORD", ""))) {
            return PlanSummaries.read(connection, campaign);
        }
    }
}
