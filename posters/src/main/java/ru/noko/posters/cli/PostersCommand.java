package ru.noko.posters.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.cli.CampaignOptions;
import ru.noko.methodology.cli.CommandFailure;
import ru.noko.methodology.cli.Commands;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.registry.OrganizationRegistry;
import ru.noko.methodology.registry.RegistryCsv;
import ru.noko.methodology.registry.RegistryImportException;
import ru.noko.posters.CampaignPosters;
import ru.noko.posters.PosterFonts;
import ru.noko.posters.PosterPdf;
import ru.noko.posters.SurveyDates;
import ru.noko.posters.SurveyLink;

/**
 * {@code ./noko posters}: what organizations need to spread the word about a campaign — per organization the survey
 * link, its QR code as PNG and SVG, and an A4 poster (PDF); and a region-wide zip of all the posters. The dates are
 * the campaign's windows for each organization's type, or the same {@code --from}/{@code --to} on every poster.
 */
@Command(
        name = "posters",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Writes each organization's survey link, QR code (PNG, SVG) and A4 poster (PDF), and a zip of all"
                + " the posters.")
public final class PostersCommand implements Callable<Integer> {

    @Mixin
    final CampaignOptions campaign;

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

    @Option(names = "--fonts-dir", description = "where DejaVuSans*.ttf are; default: ${DEFAULT-VALUE}")
    Path fontsFolder = PosterFonts.DEBIAN_FOLDER;

    private final Map<String, String> environment;

    public PostersCommand() {
        this(System.getenv());
    }

    public PostersCommand(Map<String, String> environment) {
        this.environment = environment;
        this.campaign = new CampaignOptions(environment);
    }

    public static void main(String[] args) {
        Commands.run(new PostersCommand(), args);
    }

    @Override
    public Integer call() throws IOException {
        try {
            Campaign chosen = campaign.campaign();
            OrganizationRegistry organizations = RegistryCsv.read(registry);
            String base = baseUrl != null ? baseUrl : SurveyLink.baseUrl(environment);
            // Without --from/--to, each organization's poster gives its type's window from the campaign file.
            CampaignPosters posters = CampaignPosters.of(
                    chosen, base, SurveyDates.of(from, to), new PosterPdf(PosterFonts.in(fontsFolder)));
            Path folder = out != null ? out : Path.of(".noko", "posters", chosen.id());
            if (organizationId != null) {
                Organization organization = organizations
                        .find(organizationId)
                        .orElseThrow(() -> new CommandFailure("в реестре нет организации '" + organizationId + "'"));
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
            throw CommandFailure.registry(registry, e, "");
        }
    }
}
