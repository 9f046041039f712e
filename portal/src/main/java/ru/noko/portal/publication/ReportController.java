package ru.noko.portal.publication;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import ru.noko.export.cli.SoftwareVersion;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.portal.campaign.CampaignCatalog;
import ru.noko.portal.system.PortalSettings;
import ru.noko.posters.PosterFonts;
import ru.noko.publication.ResultsPublisher;
import ru.noko.publication.report.AnalyticalReport;
import ru.noko.publication.report.PlanSummaries;
import ru.noko.publication.report.PlanSummary;
import ru.noko.publication.site.Publication;

/**
 * The region's analytical report of a published campaign, for the operator and the ministry: made at the cut-off the
 * results were published at, with the improvement plans as they are now.
 */
@Controller
class ReportController {

    private final ResultsPublisher publisher;
    private final CampaignCatalog campaigns;
    private final DataSource database;
    private final PortalSettings settings;

    ReportController(
            ResultsPublisher publisher, CampaignCatalog campaigns, DataSource database, PortalSettings settings) {
        this.publisher = publisher;
        this.campaigns = campaigns;
        this.database = database;
        this.settings = settings;
    }

    @GetMapping({"/operator/reports/{campaign}.pdf", "/ministry/reports/{campaign}.pdf"})
    ResponseEntity<byte[]> report(@PathVariable String campaign) throws Exception {
        Campaign known = campaigns.find(campaign).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Publication published = publisher
                .site()
                .publication(known.id())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Результаты не опубликованы"));
        PlanSummary plans;
        try (var connection = database.getConnection()) {
            plans = PlanSummaries.read(connection, known.id());
        }
        Path folder = Files.createTempDirectory("report-");
        try {
            Path pdf = new AnalyticalReport(PosterFonts.in(settings.fontsFolder()))
                    .write(
                            publisher.results(known.id(), published.cutOff()),
                            known.coverage(),
                            plans,
                            SoftwareVersion.current(),
                            folder);
            byte[] bytes = Files.readAllBytes(pdf);
            return ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_PDF)
                    .header(
                            HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment()
                                    .filename("report-" + known.id() + ".pdf")
                                    .build()
                                    .toString())
                    .body(bytes);
        } finally {
            try (var files = Files.walk(folder)) {
                for (Path path :
                        files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
