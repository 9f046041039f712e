package ru.noko.portal.publication;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import ru.noko.export.cli.SoftwareVersion;
import ru.noko.export.inputs.StoredInputs;
import ru.noko.export.ranking.Exporter;
import ru.noko.portal.campaign.CampaignCatalog;
import ru.noko.portal.plan.PlanState;
import ru.noko.portal.plan.PlanStore;
import ru.noko.portal.system.ClickHouseSettings;
import ru.noko.publication.ResultsPublisher;
import ru.noko.publication.figures.PublicPlan;
import ru.noko.publication.site.PublicSite;
import ru.noko.publication.site.SiteAddress;

/**
 * The publisher, on the portal's campaigns and ClickHouse, and the published folder handed out under
 * {@code /results/} (the local run's public side; on the server nginx serves the same folder itself).
 */
@Configuration
class PublicationConfiguration implements WebMvcConfigurer {

    static final String CREATOR = "Региональный оператор независимой оценки качества";

    private final PublicationSettings settings;

    PublicationConfiguration(PublicationSettings settings) {
        this.settings = settings;
    }

    @Bean
    ResultsPublisher resultsPublisher(CampaignCatalog campaigns, ClickHouseSettings clickHouse, PlanStore plans) {
        return new ResultsPublisher(
                campaigns::find,
                (campaign, cutOff) -> StoredInputs.read(clickHouse.target(), campaign, cutOff),
                new Exporter(settings.exportsFolder(), SoftwareVersion.current()),
                new PublicSite(settings.folder(), new SiteAddress(settings.url()), CREATOR),
                campaign -> approvedPlans(plans, campaigns, campaign));
    }

    /** The approved plans as their public pages show them, with each measure's status as of today. */
    static Map<String, PublicPlan> approvedPlans(PlanStore plans, CampaignCatalog campaigns, String campaignId) {
        ZoneId zone = campaigns
                .find(campaignId)
                .map(c -> ZoneId.of(c.definition().timeZone()))
                .orElse(ZoneOffset.UTC);
        LocalDate today = LocalDate.now(zone);
        Map<String, PublicPlan> shown = new LinkedHashMap<>();
        plans.plans(campaignId, List.of(PlanState.APPROVED))
                .forEach((organization, plan) -> shown.put(
                        organization,
                        new PublicPlan(plan.measures().stream()
                                .map(m -> new PublicPlan.Row(
                                        m.criterion(),
                                        m.deficiency(),
                                        m.measure(),
                                        m.plannedDate(),
                                        (m.responsibleName() + ", " + m.responsiblePosition()).strip(),
                                        m.taken(),
                                        m.actualDate(),
                                        m.status(today).russianName()))
                                .toList())));
        return shown;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/results/**")
                .addResourceLocations(settings.folder().toAbsolutePath().toUri().toString());
    }
}
