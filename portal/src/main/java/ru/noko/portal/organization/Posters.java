package ru.noko.portal.organization;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.registry.Organization;
import ru.noko.portal.campaign.CampaignCatalog;
import ru.noko.portal.system.PortalSettings;
import ru.noko.posters.CampaignPosters;
import ru.noko.posters.PosterFonts;
import ru.noko.posters.PosterPdf;
import ru.noko.posters.SurveyDates;

/**
 * The A4 posters as {@code ./noko posters} draws them, with links to {@code NOKO_PUBLIC_URL}: one organization's, or
 * every organization's in one zip, streamed while the posters are drawn.
 */
@Component
public class Posters {

    private final CampaignCatalog campaigns;
    private final PortalSettings settings;

    Posters(CampaignCatalog campaigns, PortalSettings settings) {
        this.campaigns = campaigns;
        this.settings = settings;
    }

    public ResponseEntity<byte[]> poster(String campaignId, Organization organization) throws IOException {
        byte[] pdf = posters(campaignId).poster(organization);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(organization.id() + ".pdf"))
                .body(pdf);
    }

    public ResponseEntity<StreamingResponseBody> zip(String campaignId, List<Organization> organizations) {
        CampaignPosters posters = posters(campaignId);
        StreamingResponseBody body = (OutputStream out) -> posters.zip(organizations, out);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(posters.zipName()))
                .body(body);
    }

    private CampaignPosters posters(String campaignId) {
        Campaign campaign =
                campaigns.find(campaignId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (settings.publicUrl().isEmpty()) {
            throw new ResponseStatusException(
                    HttpStatus.SERVICE_UNAVAILABLE, "Не задан адрес анкет (NOKO_PUBLIC_URL): плакатов нет");
        }
        return CampaignPosters.of(
                campaign,
                settings.publicUrl(),
                SurveyDates.UNKNOWN,
                new PosterPdf(PosterFonts.in(settings.fontsFolder())));
    }

    private static String attachment(String name) {
        return ContentDisposition.attachment().filename(name).build().toString();
    }
}
