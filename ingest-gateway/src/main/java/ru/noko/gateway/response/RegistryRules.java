package ru.noko.gateway.response;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import ru.noko.gateway.campaign.LiveCampaigns;
import ru.noko.gateway.registry.RegisteredOrganizations;
import ru.noko.gateway.registry.RegisteredOrganizations.Organization;
import ru.noko.gateway.registry.WindowDays;
import ru.noko.gateway.system.InvalidField;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.WindowState;

/**
 * What the registry says about a response, as the survey page says it: an organization not in the registry is
 * refused, and so is a response outside the campaign's window for the organization's type. Only once the gateway has
 * read a registry: a deployment that publishes none (or before the topic is read) leaves the organization to the
 * pipeline, as before.
 */
@Component
class RegistryRules {

    private final RegisteredOrganizations organizations;
    private final LiveCampaigns campaigns;

    RegistryRules(RegisteredOrganizations organizations, LiveCampaigns campaigns) {
        this.organizations = organizations;
        this.campaigns = campaigns;
    }

    List<InvalidField> check(SubmittedResponse submitted, Instant receivedAt) {
        Optional<Organization> organization = organizations.find(submitted.organizationId());
        if (organization.isEmpty()) {
            return organizations.loaded() && !organizations.isEmpty()
                    ? List.of(new InvalidField(
                            "organizationId",
                            "unknown-organization",
                            "Организации «" + submitted.organizationId() + "» нет в реестре опроса"))
                    : List.of();
        }
        Optional<Campaign> campaign = campaigns.find(submitted.campaignId());
        if (campaign.isEmpty() || organization.get().type().isEmpty()) {
            return List.of();
        }
        WindowState window = campaign.get().window(organization.get().type().get(), receivedAt);
        return switch (window.phase()) {
            case OPEN -> List.of();
            case NOT_YET_OPEN ->
                List.of(new InvalidField(
                        "campaignId",
                        "campaign-not-open",
                        "Опрос для этой организации ещё не начался: он проходит " + WindowDays.of(window)));
            case CLOSED ->
                List.of(new InvalidField(
                        "campaignId",
                        "campaign-closed",
                        "Опрос для этой организации завершён: он проходил " + WindowDays.of(window)));
        };
    }
}
