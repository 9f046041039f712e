package ru.noko.portal.publication;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import ru.noko.export.cli.SoftwareVersion;
import ru.noko.export.inputs.StoredInputs;
import ru.noko.export.ranking.Exporter;
import ru.noko.portal.campaign.CampaignCatalog;
import ru.noko.portal.system.ClickHouseSettings;
import ru.noko.publication.ResultsPublisher;
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
    ResultsPublisher resultsPublisher(CampaignCatalog campaigns, ClickHouseSettings clickHouse) {
        return new ResultsPublisher(
                campaigns::find,
                (campaign, cutOff) -> StoredInputs.read(clickHouse.target(), campaign, cutOff),
                new Exporter(settings.exportsFolder(), SoftwareVersion.current()),
                new PublicSite(settings.folder(), new SiteAddress(settings.url()), CREATOR));
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/results/**")
                .addResourceLocations(settings.folder().toAbsolutePath().toUri().toString());
    }
}
