package ru.noko.posters;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.CampaignWindow;
import ru.noko.methodology.registry.Organization;
import ru.noko.schemas.Identifiers;

/**
 * A campaign's materials for its organizations: per organization the link ({@code <id>.txt}), the QR code
 * ({@code <id>-qr.png}, {@code <id>-qr.svg}) and the poster ({@code <id>.pdf}); for the region, one zip of every
 * poster ({@code <campaign>-posters.zip}), which the command writes and a download can stream.
 *
 * @param campaignId the campaign the links lead to
 * @param campaignTitle its title, printed on the posters
 * @param baseUrl where respondents reach the platform ({@link SurveyLink#baseUrl})
 * @param dates when the survey is open
 * @param datesByType a type's own days where the campaign gives its types different windows (letter 000), by type
 *     code; a type not in it has {@code dates}
 * @param pdf the poster renderer
 */
public record CampaignPosters(
        String campaignId,
        String campaignTitle,
        String baseUrl,
        SurveyDates dates,
        Map<String, SurveyDates> datesByType,
        PosterPdf pdf) {

    public CampaignPosters {
        datesByType = Map.copyOf(datesByType);
    }

    public CampaignPosters(String campaignId, String campaignTitle, String baseUrl, SurveyDates dates, PosterPdf pdf) {
        this(campaignId, campaignTitle, baseUrl, dates, Map.of(), pdf);
    }

    /**
     * A campaign's posters with the given days, or, without any, each organization type's window from the campaign
     * file (letter 000 gives preschool and schools different days).
     */
    public static CampaignPosters of(Campaign campaign, String baseUrl, SurveyDates dates, PosterPdf pdf) {
        Map<String, SurveyDates> byType = new HashMap<>();
        if (dates.equals(SurveyDates.UNKNOWN)) {
            for (CampaignWindow window : campaign.definition().windows()) {
                window.types().forEach(type -> byType.put(type, SurveyDates.of(window.from(), window.to())));
            }
        }
        return new CampaignPosters(campaign.id(), campaign.definition().title(), baseUrl, dates, byType, pdf);
    }

    /** The files written for one organization. */
    public record OrganizationFiles(Path poster, Path pngCode, Path svgCode, Path link) {}

    public SurveyLink link(Organization organization) {
        return SurveyLink.of(baseUrl, campaignId, organization.id());
    }

    public PosterContent content(Organization organization) {
        return new PosterContent(
                campaignTitle,
                organization.name(),
                organization.region() + ", " + organization.municipality(),
                link(organization),
                datesByType.getOrDefault(organization.type().code(), dates));
    }

    public byte[] poster(Organization organization) throws IOException {
        return pdf.write(content(organization));
    }

    /** The region-wide zip's file name. */
    public String zipName() {
        return campaignId + "-posters.zip";
    }

    /** Writes one organization's four files into {@code folder} (made if missing), replacing earlier ones. */
    public OrganizationFiles write(Organization organization, Path folder) throws IOException {
        return write(organization, poster(organization), folder);
    }

    /**
     * Writes every organization's files into {@code folder} and the region-wide zip beside them, making each poster
     * once; returns the zip.
     */
    public Path writeAll(List<Organization> organizations, Path folder) throws IOException {
        Files.createDirectories(folder);
        Path zipFile = folder.resolve(zipName());
        // Written under another name and moved at the end: a zip cut short by an error never looks complete.
        Path partial = folder.resolve(zipName() + ".part");
        try (PostersZip zip = new PostersZip(Files.newOutputStream(partial))) {
            for (Organization organization : organizations) {
                byte[] poster = poster(organization);
                write(organization, poster, folder);
                zip.add(fileName(organization, ".pdf"), poster);
            }
        }
        Files.move(partial, zipFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return zipFile;
    }

    /** The region-wide zip of posters, streamed: what a download sends. */
    public void zip(List<Organization> organizations, OutputStream out) throws IOException {
        try (PostersZip zip = new PostersZip(out)) {
            for (Organization organization : organizations) {
                zip.add(fileName(organization, ".pdf"), poster(organization));
            }
        }
    }

    private OrganizationFiles write(Organization organization, byte[] poster, Path folder) throws IOException {
        Files.createDirectories(folder);
        SurveyLink link = link(organization);
        QrCode code = QrCode.of(link);
        OrganizationFiles files = new OrganizationFiles(
                folder.resolve(fileName(organization, ".pdf")),
                folder.resolve(fileName(organization, "-qr.png")),
                folder.resolve(fileName(organization, "-qr.svg")),
                folder.resolve(fileName(organization, ".txt")));
        Files.write(files.poster(), poster);
        Files.write(files.pngCode(), QrPng.write(code));
        Files.writeString(files.svgCode(), QrSvg.write(code), StandardCharsets.UTF_8);
        Files.writeString(files.link(), link + "\n", StandardCharsets.UTF_8);
        return files;
    }

    private static String fileName(Organization organization, String suffix) {
        // The registry import allows only these ids; a file name must never climb out of the folder.
        if (!Identifiers.ID_PATTERN.matcher(organization.id()).matches()) {
            throw new IllegalArgumentException(
                    "идентификатор организации '" + organization.id() + "' не годится для имени файла");
        }
        return organization.id() + suffix;
    }
}
