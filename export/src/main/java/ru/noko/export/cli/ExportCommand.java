package ru.noko.export.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import ru.noko.export.inputs.CampaignInputs;
import ru.noko.export.inputs.FileInputs;
import ru.noko.export.inputs.StoredInputs;
import ru.noko.export.ranking.Exporter;
import ru.noko.export.schedule.ExportSchedule;
import ru.noko.export.schedule.ScheduleLoop;
import ru.noko.export.store.CutOffName;
import ru.noko.export.store.ExportStore;
import ru.noko.export.store.LocalExportStore;
import ru.noko.export.store.S3ExportStore;
import ru.noko.export.store.S3Settings;
import ru.noko.export.store.StoredExport;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.cli.CampaignOptions;
import ru.noko.methodology.cli.ClickHouseOptions;
import ru.noko.methodology.cli.CommandFailure;
import ru.noko.methodology.cli.Commands;
import ru.noko.methodology.registry.RegistryImportException;
import ru.noko.schemas.settings.EnvironmentSettings;

/**
 * {@code ./noko export}: the ministry's ranking export of one campaign — XLSX, a CSV per sheet and a manifest with
 * checksums. From a running platform's ClickHouse (the accepted responses after the re-check, received before the
 * cut-off), or from the files {@code ./noko score} reads, so its figures are the score command's, value for value.
 * Each export goes into a folder named by the campaign and the cut-off; an existing export is never overwritten. With
 * {@code NOKO_S3_ENDPOINT} set (the server), the folder is then uploaded to S3-compatible storage, and the exports
 * listed are the ones there. {@code --schedule} runs the campaigns' export schedules until stopped (the server's
 * exporter service).
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Writes a campaign's ranking export (XLSX, CSV, manifest) for the ministry, lists the exports, or runs"
                        + " the campaigns' export schedules.")
public final class ExportCommand implements Callable<Integer> {

    /** How long a stop waits for an export under way: within docker-compose.yml's stop_grace_period for the exporter. */
    public static final Duration STOP_PATIENCE = Duration.ofSeconds(50);

    @Mixin
    final CampaignOptions campaign;

    @Option(names = "--list", description = "list the stored exports with their cut-offs instead")
    boolean list;

    @Option(
            names = "--schedule",
            description = "run every campaign's exportSchedule until stopped, checking every minute")
    boolean schedule;

    @Option(
            names = "--heartbeat",
            description = "with --schedule: a file touched after every check (for a health check)")
    Path heartbeat;

    @Option(
            names = "--cut-off",
            description = "responses received before this instant count (ISO-8601, UTC); default: now")
    Instant cutOff;

    @Option(
            names = "--out",
            description =
                    "where exports are written (and kept, without S3); default: NOKO_EXPORTS_DIR or ${DEFAULT-VALUE}")
    Path out;

    @Option(names = "--registry", description = "from files: the organization registry CSV (then --responses too)")
    Path registry;

    @Option(names = "--responses", description = "from files: accepted responses, one JSON object per line")
    Path responses;

    @Option(names = "--self-assessment", description = "from files: self-assessment inputs JSON")
    Path selfAssessment;

    @Mixin
    final ClickHouseOptions clickHouse;

    private final Optional<S3Settings> s3;
    private final RuntimeException s3Problem;

    public ExportCommand() {
        this(System.getenv());
    }

    /**
     * Every variable the command reads, it reads here, from this map: the deployment's tests hand it a map that
     * records what is read, so docker-compose.yml sets no variable the command ignores.
     */
    public ExportCommand(Map<String, String> environment) {
        EnvironmentSettings variables = new EnvironmentSettings(environment);
        out = Path.of(variables.text("NOKO_EXPORTS_DIR", ".noko/exports"));
        campaign = new CampaignOptions(environment);
        clickHouse = new ClickHouseOptions(environment);
        Optional<S3Settings> settings = Optional.empty();
        RuntimeException problem = null;
        try {
            settings = S3Settings.fromEnvironment(environment);
        } catch (IllegalArgumentException e) {
            problem = e; // reported when the command runs, as its other errors are
        }
        s3 = settings;
        s3Problem = problem;
    }

    public static void main(String[] args) {
        Commands.run(new ExportCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        if (s3Problem != null) {
            throw new CommandFailure(s3Problem.getMessage());
        }
        ExportStore store = s3.<ExportStore>map(S3ExportStore::new).orElseGet(() -> new LocalExportStore(out));
        try {
            return run(store);
        } finally {
            if (store instanceof S3ExportStore client) {
                client.close();
            }
        }
    }

    private int run(ExportStore store) throws Exception {
        Exporter exporter = new Exporter(out, SoftwareVersion.current(), store);
        try {
            if (list) {
                for (StoredExport export : exporter.list()) {
                    System.out.println(export.campaignId() + "\t" + export.cutOff() + "\t" + export.location());
                }
                return 0;
            }
            if (schedule) {
                return runSchedule(exporter, store);
            }
            if (!campaign.given()) {
                throw new CommandFailure("укажите --campaign (или --list)");
            }
            Campaign exported = campaign.campaign();
            Instant cut = cutOff != null ? cutOff : Instant.now();
            CampaignInputs inputs;
            if (registry != null) {
                if (responses == null) {
                    throw new CommandFailure("с --registry нужен и --responses");
                }
                inputs = FileInputs.read(exported, registry, responses, selfAssessment);
            } else {
                inputs = StoredInputs.read(clickHouse.target(), exported, cut);
            }
            exporter.export(exported, inputs, cut);
            System.err.println(
                    "export: " + inputs.registry().size() + " организаций, принято ответов " + inputs.accepted()
                            + ", исключено "
                            + inputs.excluded().values().stream()
                                    .mapToLong(Long::longValue)
                                    .sum()
                            + "; записано в " + exporter.location(exported, cut));
            return 0;
        } catch (RegistryImportException e) {
            throw CommandFailure.registry(registry, e, "");
        } catch (java.sql.SQLException e) {
            throw new CommandFailure(
                    "ClickHouse " + clickHouse.describe() + " недоступен или без таблиц noko: " + e.getMessage());
        }
    }

    /**
     * The server's exporter: every campaign's schedule, checked every minute on the system clock, inputs from
     * ClickHouse, until the JVM is told to stop (SIGTERM from docker stop), which lets an export under way finish.
     */
    private int runSchedule(Exporter exporter, ExportStore store) throws Exception {
        ExportSchedule exportSchedule = new ExportSchedule(
                Clock.systemUTC(),
                campaign.campaigns(),
                exporter,
                (scheduled, cut) -> StoredInputs.read(clickHouse.target(), scheduled, cut));
        ScheduleLoop loop = new ScheduleLoop(
                exportSchedule,
                Duration.ofMinutes(1),
                Optional.ofNullable(heartbeat),
                folder -> store.location(
                        folder.getParent().getFileName().toString(),
                        CutOffName.parse(folder.getFileName().toString()).orElseThrow()),
                System.out);
        Thread stopper = new Thread(
                () -> {
                    try {
                        loop.stop(STOP_PATIENCE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "noko-export-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        loop.run();
        return 0;
    }
}
