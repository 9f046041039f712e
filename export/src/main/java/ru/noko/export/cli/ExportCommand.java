package ru.noko.export.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ru.noko.export.inputs.CampaignInputs;
import ru.noko.export.inputs.FileInputs;
import ru.noko.export.inputs.StoredInputs;
import ru.noko.export.ranking.Exporter;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.methodology.data.DataFormatException;
import ru.noko.methodology.registry.RegistryImportException;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/**
 * {@code ./noko export}: the ministry's ranking export of one campaign — XLSX, a CSV per sheet and a manifest with
 * checksums. From a running platform's ClickHouse (the accepted responses after the re-check, received before the
 * cut-off), or from the files {@code ./noko score} reads, so its figures are the score command's, value for value.
 * Each export goes into a folder named by the campaign and the cut-off; an existing export is never overwritten.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Writes a campaign's ranking export (XLSX, CSV, manifest) for the ministry, or lists the exports.")
public final class ExportCommand implements Callable<Integer> {

    static final int BAD_INPUT = 2;

    @Option(names = "--campaign", description = "campaign id (a bundled campaign or one in --campaigns-dir)")
    String campaignId;

    @Option(names = "--list", description = "list the stored exports with their cut-offs instead")
    boolean list;

    @Option(names = "--cut-off", description = "responses received before this instant count (ISO-8601, UTC); default: now")
    Instant cutOff;

    @Option(names = "--out", description = "where exports are kept; default: NOKO_EXPORTS_DIR or ${DEFAULT-VALUE}")
    Path out = Path.of(env("NOKO_EXPORTS_DIR", ".noko/exports"));

    @Option(names = "--campaigns-dir", description = "extra campaign files (default: NOKO_CAMPAIGNS_DIR, or the bundled only)")
    String campaignsFolder = env("NOKO_CAMPAIGNS_DIR", "");

    @Option(names = "--registry", description = "from files: the organization registry CSV (then --responses too)")
    Path registry;

    @Option(names = "--responses", description = "from files: accepted responses, one JSON object per line")
    Path responses;

    @Option(names = "--self-assessment", description = "from files: self-assessment inputs JSON")
    Path selfAssessment;

    @Option(names = "--clickhouse-host", description = "default: NOKO_CLICKHOUSE_HOST or ${DEFAULT-VALUE}")
    String host = env("NOKO_CLICKHOUSE_HOST", "127.0.0.1");

    @Option(names = "--clickhouse-port", description = "native protocol; default: NOKO_CLICKHOUSE_PORT or ${DEFAULT-VALUE} (the local run's)")
    int port = Integer.parseInt(env("NOKO_CLICKHOUSE_PORT", "19000"));

    @Option(names = "--clickhouse-database", description = "default: NOKO_CLICKHOUSE_DATABASE or ${DEFAULT-VALUE}")
    String database = env("NOKO_CLICKHOUSE_DATABASE", "noko");

    public static void main(String[] args) {
        System.exit(new CommandLine(new ExportCommand()).execute(args));
    }

    @Override
    public Integer call() {
        Exporter exporter = new Exporter(out, SoftwareVersion.current());
        try {
            if (list) {
                for (Exporter.Listed export : exporter.list()) {
                    System.out.println(export.campaignId() + "\t" + export.cutOff() + "\t" + export.folder());
                }
                return 0;
            }
            if (campaignId == null) {
                return fail("укажите --campaign (или --list)");
            }
            Campaign campaign = Campaigns.load(campaignsFolder).find(campaignId)
                    .orElseThrow(() -> new IllegalArgumentException("неизвестная кампания '" + campaignId + "'"));
            Instant cut = cutOff != null ? cutOff : Instant.now();
            CampaignInputs inputs;
            if (registry != null) {
                if (responses == null) {
                    return fail("с --registry нужен и --responses");
                }
                inputs = FileInputs.read(campaign, registry, responses, selfAssessment);
            } else {
                inputs = StoredInputs.read(new ClickHouseTarget(host, port, database, env("NOKO_CLICKHOUSE_USER", "default"),
                        env("NOKO_CLICKHOUSE_PASSWORD", "")), campaign, cut);
            }
            Path folder = exporter.export(campaign, inputs, cut);
            System.err.println("export: " + inputs.registry().size() + " организаций, принято ответов " + inputs.accepted()
                    + ", исключено " + inputs.excluded().values().stream().mapToLong(Long::longValue).sum()
                    + "; записано в " + folder);
            return 0;
        } catch (RegistryImportException e) {
            e.problems().forEach(p -> System.err.println(registry + ":" + p.line() + ": " + p.reason()));
            return fail("реестр не загружен: " + e.problems().size() + " ошибок");
        } catch (DataFormatException e) {
            e.problems().forEach(problem -> System.err.println("  " + problem));
            return fail(e.getMessage());
        } catch (java.sql.SQLException e) {
            return fail("ClickHouse " + host + ":" + port + "/" + database + " недоступен или без таблиц noko: "
                    + e.getMessage());
        } catch (Exception e) {
            return fail(e.getMessage());
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int fail(String message) {
        System.err.println("export: " + message);
        return BAD_INPUT;
    }
}
