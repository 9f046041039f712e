package ru.noko.gateway.response;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import ru.noko.gateway.campaign.LiveCampaigns;
import ru.noko.gateway.system.InvalidField;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.instrument.InstrumentValidator;

/**
 * The campaign's questionnaire decides what a valid response is: the campaign must be one this deployment runs, the
 * role one the questionnaire is for, and the answers must fit its questions, types, options and skip logic. The same
 * validator scores responses downstream, so nothing accepted here is rejected there for its content.
 */
@Component
class CampaignRules {

    private final LiveCampaigns campaigns;

    CampaignRules(LiveCampaigns campaigns) {
        this.campaigns = campaigns;
    }

    /** Problems with a response whose fields already have the right shapes. */
    List<InvalidField> check(SubmittedResponse submitted) {
        Optional<Campaign> campaign = campaigns.find(submitted.campaignId());
        if (campaign.isEmpty()) {
            return List.of(new InvalidField(
                    "campaignId", "unknown-campaign", "Кампания «" + submitted.campaignId() + "» не проводится"));
        }
        List<InvalidField> problems = new ArrayList<>();
        InstrumentValidator.validate(
                        campaign.get().instrument(), submitted.respondentRole(), javaValues(submitted.answers()))
                .forEach(problem -> problems.add(new InvalidField(problem.field(), problem.rule(), problem.message())));
        return problems;
    }

    /** JSON answers, already checked by {@link AnswerRules}, as the validator's Java values. */
    private static Map<String, Object> javaValues(Map<String, JsonNode> answers) {
        Map<String, Object> values = new LinkedHashMap<>();
        answers.forEach((question, answer) -> values.put(question, SurveyResponseFactory.value(answer)));
        return values;
    }
}
