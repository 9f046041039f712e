package ru.noko.posters.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.methodology.data.DataFormatException;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.registry.OrganizationRegistry;
import ru.noko.methodology.registry.RegistryCsv;
import ru.noko.methodology.registry.RegistryImportException;
import ru.noko.posters.CampaignPosters;
import ru.noko.posters.PosterFonts;
import ru.noko.posters.PosterPdf;
import ru.noko.posters.SurveyDates;
import ru.noko.posters.SurveyLink;
import ru.noko.schemas.settings.EnvironmentSettings;

/**
 * {@code ./noko posters}: what organizations need to spread the word about a campaign — per organization the survey
 * link, its QR code as PNG and SVG, and an A4 poster (PDF); and a region-wide zip of all the posters. The campaign
 * files have no survey dates, so the dates are options here.
 */
@Command(
        name = "posters",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Writes each organization's survey link, QR code (PNG, SVG) and A4 poster (PDF), and a zip of all"
                + " the posters.")
public final class PostersCommand implements Callable<Integer> {

    static final int BAD_INPUT = 2;

    @Option(
            names = "--campaign",
            required = true,
            description = "campaign id (a bundled campaign or one in --campaigns-dir)")
    String campaignId;

    @Option(names = "--registry", required = true, description = "the organization registry CSV")
    Path registry;

    @Option(names = "--organization", description = "only this organization (then no zip)")
    String organizationId;

    @Option(names = "--out", description = "the folder to write into (default: .noko/posters/<campaign>)")
    Path out;

    @Option(
            names = "--base-url",
            description =
                    "where respondents reach the platform; default: NOKO_PUBLIC_URL or " + SurveyLink.DEFAULT_BASE_URL)
    String baseUrl;

    @Option(
            names = "--from",
            description = "the survey's first day (ISO date, e.g. 2026-02-15), printed on the posters")
    LocalDate from;

    @Option(names = "--to", description = "the survey's last day (ISO date), printed on the posters")
    LocalDate to;

    @Option(
            names = "--campaigns-dir",
            description = "extra campaign files (default: NOKO_CAMPAIGNS_DIR, or the bundled only)")
    String campaignsFolder;

    @Option(names = "--fonts-dir", description = "where DejaVuSans*.ttf are; default: ${DEFAULT-VALUE}")
    Path fontsFolder = PosterFonts.DEBIAN_FOLDER;

    private final Map<String, String> environment;

    public PostersCommand() {
        this(System.getenv());
    }

    public PostersCommand(Map<String, String> environment) {
        this.environment = environment;
        this.campaignsFolder = new EnvironmentSettings(environment).text("NOKO_CAMPAIGNS_DIR", "");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new PostersCommand()).execute(args));
    }

    @Override
    public Integer call() {
        try {
            Campaign campaign = Campaigns.load(campaignsFolder)
                    .find(campaignId)
                    .orElseThrow(() -> new IllegalArgumentException("неизвестная кампания '" + campaignId + "'"));
            OrganizationRegistry organizations = RegistryCsv.read(registry);
            String base = baseUrl != null ? baseUrl : SurveyLink.baseUrl(environment);
            // Without --from/--to, each organization's poster gives its type's window from the campaign file.
            CampaignPosters posters = CampaignPosters.of(
                    campaign, base, SurveyDates.of(from, to), new PosterPdf(PosterFonts.in(fontsFolder)));
            Path folder = out != null ? out : Path.of(".noko", "posters", campaign.id());
            if (organizationId != null) {
                Organization organization = organizations
                        .find(organizationId)
                        .orElseThrow(() ->
                                new IllegalArgumentException("в реестре нет организации '" + organizationId + "'"));
                CampaignPosters.OrganizationFiles files = posters.write(organization, folder);
                System.err.println("posters: " + organization.name() + ": " + posters.link(organization));
                System.err.println("posters: плакат " + files.poster() + ", QR-код " + files.pngCode() + " и "
                        + files.svgCode() + ", ссылка " + files.link());
            } else {
                List<Organization> all = organizations.organizations();
                Path zip = posters.writeAll(all, folder);
                System.err.println("posters: " + all.size() + " организаций: плакат (PDF), QR-код (PNG, SVG) и ссылка"
                        + " (TXT) для каждой в " + folder + "; все плакаты одним архивом: " + zip);
            }
            System.err.println("posters: ссылки ведут на " + base
                    + (posters.datesByType().isEmpty()
                            ? posters.dates()
                                    .sentence()
                                    .map(dates -> "; на плакатах: «" + dates + "»")
                                    .orElse("; даты опроса не указаны (--from, --to)")
                            : "; даты на плакатах — по срокам кампании для типа организации"));
            return 0;
        } catch (RegistryImportException e) {
            e.problems().forEach(p -> System.err.println(registry + ":" + p.line() + ": " + p.reason()));
            return fail("реестр не загружен: " + e.problems().size() + " ошибок");
        } catch (DataFormatException e) {
            e.problems().forEach(problem -> System.err.println("  " + problem));
            return fail(e.getMessage());
        } catch (java.nio.file.NoSuchFileException e) {
            return fail("нет файла " + e.getFile());
        } catch (Exception e) {
            return fail(e.getMessage());
        }
    }

    private static int fail(String message) {
        System.err.println("posters: " + message);
        return BAD_INPUT;
    }
}
