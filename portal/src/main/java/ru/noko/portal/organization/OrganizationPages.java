package ru.noko.portal.organization;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.registry.Organization;
import ru.noko.portal.campaign.CampaignCatalog;
import ru.noko.portal.selfassessment.ChecklistView;
import ru.noko.portal.selfassessment.Checklists;
import ru.noko.portal.selfassessment.SelfAssessmentForms;
import ru.noko.portal.system.PortalSettings;
import ru.noko.posters.QrCode;
import ru.noko.posters.QrPng;
import ru.noko.posters.SurveyLink;

/**
 * One organization's page, whoever may see it (the organization itself, its municipality's analyst, the operator,
 * the ministry): for each campaign open to its type, the survey link, its QR code and the poster, coverage per role
 * against the target, and rejected responses by reason.
 */
@Component
public class OrganizationPages {

    /**
     * One campaign as the page shows it for the organization.
     *
     * @param selfAssessment the state of its self-assessment in Russian, or null when the campaign has none
     * @param selfAssessmentLink where this viewer opens it
     */
    public record CampaignView(
            Campaign campaign,
            String link,
            String qrPng,
            SurveyFigures.Figures figures,
            String selfAssessment,
            String selfAssessmentLink) {

        public String title() {
            return campaign.definition().title();
        }
    }

    /**
     * A link's QR code never changes, and drawing it (the code, then a 600-pixel PNG) was nine tenths of the page's
     * cost (bench/portal.sh): kept, up to about 32 MB of images, a region's organizations in a few campaigns.
     */
    private final Cache<String, String> qrImages = Caffeine.newBuilder()
            .maximumWeight(32L << 20)
            .weigher((String link, String image) -> link.length() + image.length())
            .build();

    private final CampaignCatalog campaigns;
    private final SurveyFigures figures;
    private final SelfAssessmentForms selfAssessments;
    private final Checklists checklists;
    private final PortalSettings settings;
    private final Clock clock;

    OrganizationPages(
            CampaignCatalog campaigns,
            SurveyFigures figures,
            SelfAssessmentForms selfAssessments,
            Checklists checklists,
            PortalSettings settings,
            Clock clock) {
        this.campaigns = campaigns;
        this.figures = figures;
        this.selfAssessments = selfAssessments;
        this.checklists = checklists;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Fills the model of {@code organization/page}.
     *
     * @param posterBase where this viewer's poster links go, or null for none
     * @param selfAssessmentBase where this viewer's self-assessment links go (the campaign's id follows)
     */
    public String show(Organization organization, String posterBase, String selfAssessmentBase, Model model) {
        List<Campaign> open = campaigns.openFor(organization.type(), clock.instant());
        Map<String, SurveyFigures.Figures> figuresOf =
                figures.of(open.stream().map(Campaign::id).toList(), organization.id());
        List<CampaignView> views = open.stream()
                .map(campaign -> view(campaign, organization, figuresOf.get(campaign.id()), selfAssessmentBase))
                .toList();
        model.addAttribute("organization", organization);
        model.addAttribute("campaigns", views);
        model.addAttribute("posterBase", posterBase);
        return "organization/page";
    }

    private CampaignView view(
            Campaign campaign, Organization organization, SurveyFigures.Figures figures, String selfAssessmentBase) {
        SurveyLink link = SurveyLink.of(settings.publicUrl(), campaign.id(), organization.id());
        String qr = qrImages.get(
                link.toString(),
                text -> "data:image/png;base64," + Base64.getEncoder().encodeToString(QrPng.write(QrCode.of(link))));
        boolean hasChecklist = checklists.of(campaign).isPresent();
        String state = hasChecklist
                ? ChecklistView.stateName(
                        selfAssessments.find(campaign.id(), organization.id()).orElse(null))
                : null;
        return new CampaignView(
                campaign,
                link.toString(),
                qr,
                figures,
                state,
                hasChecklist ? selfAssessmentBase + campaign.id() : null);
    }
}
