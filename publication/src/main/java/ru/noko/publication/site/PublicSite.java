package ru.noko.publication.site;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import ru.noko.posters.QrCode;
import ru.noko.posters.QrSvg;
import ru.noko.publication.figures.PublicOrganization;
import ru.noko.publication.figures.PublicPlan;
import ru.noko.publication.figures.PublicResults;
import ru.noko.publication.figures.PublicTerritory;
import ru.noko.schemas.Identifiers;

/**
 * The public results as files: every page, badge, QR code and open data file of a published campaign, written once
 * at publication into a folder that nginx serves as it is (the server) or the portal hands out (the local run). Files
 * rather than a service: a school's link is hit in bursts, and a file costs nginx nothing, needs no database, and
 * stays up whatever else is down; the survey endpoint never feels it.
 *
 * <p>A campaign is written into a hidden folder and moved into place in one step, so a reader never sees half of
 * it; withdrawing it deletes the folder, and with it every address (404). Each organization also gets a stable copy
 * under {@code o/} — its page, badge and QR code of the campaign published last — for the link on its own site.
 * Publications and withdrawals through one site take turns (an approval and the nightly rendering may meet), so the
 * folder swaps never cross.
 *
 * <p>Why one class of this size: the folder's layout, its one-step swap and the lock that orders publications are one
 * thing; the pages themselves are rendered by {@link Html}, {@link Badge} and {@link OpenData}.
 */
public final class PublicSite {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern ID = Identifiers.ID_PATTERN;
    /** Which campaign owns an organization's stable copies: {@code o/.<organization>.campaign}, hidden (never served). */
    private static final String OWNER = ".campaign";

    private static final List<String> ASSETS = List.of("results.css", "sort.js");

    private final Path root;
    private final SiteAddress address;
    private final String creator;
    private final TemplateEngine templates = new TemplateEngine();

    /**
     * @param root the folder the site lies in
     * @param address where the folder is reached
     * @param creator who publishes, for the open data passport (the regional operator's name)
     */
    public PublicSite(Path root, SiteAddress address, String creator) {
        this.root = root;
        this.address = address;
        this.creator = creator;
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(PublicSite.class.getClassLoader());
        resolver.setPrefix("ru/noko/publication/site/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        templates.setTemplateResolver(resolver);
    }

    public Path root() {
        return root;
    }

    public SiteAddress address() {
        return address;
    }

    /**
     * Publishes a campaign's results: replaces whatever of it was published before, in one step.
     *
     * @param exportManifest the manifest of the ministry's export these figures are (linked from every page)
     */
    public Publication publish(PublicResults results, byte[] exportManifest, Publication publication)
            throws IOException {
        return publish(results, exportManifest, publication, Map.of());
    }

    /**
     * The same, with the organizations' approved improvement plans (by organization) on their pages.
     */
    public synchronized Publication publish(
            PublicResults results, byte[] exportManifest, Publication publication, Map<String, PublicPlan> plans)
            throws IOException {
        String campaign = checked(results.campaignId());
        Files.createDirectories(root);
        writeAssets();
        Path partial = Files.createTempDirectory(root, "." + campaign + ".partial-");
        try {
            writeCampaign(results, exportManifest, publication, partial, plans);
            Path target = root.resolve(campaign);
            Path old = null;
            if (Files.exists(target)) {
                old = Files.createTempDirectory(root, "." + campaign + ".old-");
                Files.delete(old);
                move(target, old);
            }
            move(partial, target);
            if (old != null) {
                deleteRecursively(old);
            }
        } catch (IOException | RuntimeException e) {
            deleteRecursively(partial);
            throw e;
        }
        writeStableCopies(results);
        return publication;
    }

    /** Withdraws a campaign: its folder and the stable copies it owns are deleted. */
    public synchronized boolean withdraw(String campaignId) throws IOException {
        String campaign = checked(campaignId);
        Path folder = root.resolve(campaign);
        if (!Files.isDirectory(folder)) {
            return false;
        }
        Path stable = root.resolve("o");
        if (Files.isDirectory(stable)) {
            try (Stream<Path> owners = Files.list(stable)) {
                for (Path owner : owners.filter(p -> p.getFileName().toString().startsWith(".")
                                && p.getFileName().toString().endsWith(OWNER))
                        .toList()) {
                    if (Files.readString(owner, StandardCharsets.UTF_8).equals(campaign)) {
                        String name = owner.getFileName().toString();
                        String organization = name.substring(1, name.length() - OWNER.length());
                        for (String file : List.of(
                                SiteAddress.stablePage(organization),
                                SiteAddress.stableBadge(organization),
                                SiteAddress.stableQr(organization))) {
                            Files.deleteIfExists(root.resolve(file));
                        }
                        Files.delete(owner);
                    }
                }
            }
        }
        Path gone = Files.createTempDirectory(root, "." + campaign + ".withdrawn-");
        Files.delete(gone);
        move(folder, gone);
        deleteRecursively(gone);
        return true;
    }

    public Optional<Publication> publication(String campaignId) throws IOException {
        Path file = root.resolve(checked(campaignId)).resolve(Publication.FILE);
        return Files.isRegularFile(file)
                ? Optional.of(JSON.readValue(file.toFile(), Publication.class))
                : Optional.empty();
    }

    /** Every published campaign, by campaign id. */
    public List<Publication> publications() throws IOException {
        List<Publication> all = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return all;
        }
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.sorted().toList()) {
                Path file = folder.resolve(Publication.FILE);
                if (!folder.getFileName().toString().startsWith(".") && Files.isRegularFile(file)) {
                    all.add(JSON.readValue(file.toFile(), Publication.class));
                }
            }
        }
        return all;
    }

    private void writeCampaign(
            PublicResults results, byte[] manifest, Publication publication, Path folder, Map<String, PublicPlan> plans)
            throws IOException {
        String campaign = results.campaignId();
        Files.createDirectories(folder.resolve("m"));
        Files.createDirectories(folder.resolve("o"));
        write(folder.resolve("index.html"), page("campaign", results, Map.of()));
        for (PublicTerritory municipality : results.municipalities()) {
            write(
                    folder.resolve("m").resolve(municipality.slug() + ".html"),
                    page("municipality", results, Map.of("municipality", municipality)));
        }
        for (PublicOrganization organization : results.organizations()) {
            String id = checked(organization.id());
            write(folder.resolve("o").resolve(id + ".html"), organizationPage(results, organization, plans.get(id)));
            write(
                    folder.resolve("o").resolve(id + ".svg"),
                    Badge.svg(organization, results.mainFigure(), results.title()));
            write(folder.resolve("o").resolve(id + "-qr.svg"), qr(id));
        }
        OpenData data = new OpenData(results);
        write(folder.resolve(OpenData.DATA_CSV), data.csv());
        write(folder.resolve(OpenData.DATA_JSON), data.json());
        write(folder.resolve(OpenData.STRUCTURE), data.structure());
        write(folder.resolve(OpenData.PASSPORT), data.passport(address, creator));
        Files.write(folder.resolve("export-manifest.json"), manifest);
        write(folder.resolve(Publication.FILE), JSON.writeValueAsString(publication));
        if (!campaign.equals(publication.campaignId())) {
            throw new IllegalArgumentException("публикация другой кампании: " + publication.campaignId());
        }
    }

    /** The stable copies of each organization's page, badge and QR code: the campaign published last owns them. */
    private void writeStableCopies(PublicResults results) throws IOException {
        Path stable = root.resolve("o");
        Files.createDirectories(stable);
        Path campaignFolder = root.resolve(results.campaignId()).resolve("o");
        for (PublicOrganization organization : results.organizations()) {
            String id = organization.id();
            replace(campaignFolder.resolve(id + ".html"), root.resolve(SiteAddress.stablePage(id)));
            replace(campaignFolder.resolve(id + ".svg"), root.resolve(SiteAddress.stableBadge(id)));
            replace(campaignFolder.resolve(id + "-qr.svg"), root.resolve(SiteAddress.stableQr(id)));
            write(stable.resolve("." + id + OWNER), results.campaignId());
        }
    }

    String organizationPage(PublicResults results, PublicOrganization organization, PublicPlan plan) {
        String id = organization.id();
        String stableUrl = address.absolute(SiteAddress.stablePage(id));
        String alt = Badge.alt(organization, results.mainFigure());
        String snippet = "<a href=\"" + Html.escape(stableUrl) + "\"><img src=\""
                + Html.escape(address.absolute(SiteAddress.stableBadge(id))) + "\" alt=\"" + Html.escape(alt)
                + "\" width=\"" + Badge.WIDTH + "\" height=\"" + Badge.HEIGHT + "\"></a>";
        Map<String, Object> variables = new java.util.HashMap<>();
        variables.put("plan", plan);
        variables.put("criteria", List.of("K1", "K2", "K3", "K4", "K5"));
        return page(
                "organization",
                results,
                variables,
                Map.of(
                        "o", organization,
                        "stableUrl", stableUrl,
                        "badgePath", address.relative(SiteAddress.badge(results.campaignId(), id)),
                        "qrPath", address.relative(SiteAddress.qr(results.campaignId(), id)),
                        "badgeAlt", alt,
                        "snippet", snippet));
    }

    private String page(
            String template, PublicResults results, Map<String, Object> nullable, Map<String, Object> variables) {
        Context context = context(results, variables);
        nullable.forEach(context::setVariable);
        return templates.process(template, context);
    }

    private String page(String template, PublicResults results, Map<String, Object> variables) {
        return templates.process(template, context(results, variables));
    }

    private Context context(PublicResults results, Map<String, Object> variables) {
        Context context = new Context();
        context.setVariable("results", results);
        context.setVariable("municipalities", results.municipalities());
        context.setVariable("base", address.path());
        context.setVariable("fmt", new PageFormat());
        variables.forEach(context::setVariable);
        return context;
    }

    private String qr(String organization) {
        return QrSvg.write(QrCode.of(address.absolute(SiteAddress.stablePage(organization))));
    }

    private void writeAssets() throws IOException {
        Path assets = root.resolve("assets");
        Files.createDirectories(assets);
        for (String asset : ASSETS) {
            try (InputStream in = PublicSite.class.getResourceAsStream("/ru/noko/publication/site/assets/" + asset)) {
                if (in == null) {
                    throw new IllegalStateException("missing asset " + asset);
                }
                Path temporary = Files.createTempFile(assets, "." + asset, ".partial");
                Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
                move(temporary, assets.resolve(asset));
            }
        }
    }

    private static void replace(Path from, Path to) throws IOException {
        Path temporary = Files.createTempFile(to.getParent(), "." + to.getFileName(), ".partial");
        Files.copy(from, temporary, StandardCopyOption.REPLACE_EXISTING);
        move(temporary, to);
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String checked(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("недопустимый идентификатор '" + id + "'");
        }
        return id;
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
