package ru.noko.gateway.response;

import jakarta.validation.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;
import ru.noko.gateway.campaign.LiveCampaigns;
import ru.noko.gateway.system.InvalidField;
import ru.noko.gateway.system.LimitSettings;

/**
 * Every rule a submission must meet, all problems at once: the fields' formats ({@link SubmissionFormat}, as
 * {@link SubmittedResponse}'s annotations declare them), the answers' shapes ({@link AnswerRules}), the clock, then the campaign's
 * questionnaire ({@link CampaignRules}), the registry: the organization and its campaign window
 * ({@link RegistryRules}), and where the campaign asks for it the e-mail's confirmation ({@link EmailProofs}).
 */
@Component
class SubmissionRules {

    private final SubmissionFormat format;
    private final CampaignRules campaigns;
    private final RegistryRules registry;
    private final LimitSettings limits;
    private final LiveCampaigns campaignList;
    private final EmailProofs emailConfirmation;

    SubmissionRules(
            Validator validator,
            CampaignRules campaigns,
            RegistryRules registry,
            LimitSettings limits,
            LiveCampaigns campaignList,
            EmailProofs emailConfirmation) {
        this.campaignList = campaignList;
        this.emailConfirmation = emailConfirmation;
        this.format = new SubmissionFormat(validator);
        this.campaigns = campaigns;
        this.registry = registry;
        this.limits = limits;
    }

    List<InvalidField> problems(SubmittedResponse submitted, Instant receivedAt) {
        List<InvalidField> problems = new ArrayList<>();
        format.check(submitted, problems);
        problems.addAll(AnswerRules.check(submitted.answers()));
        if (submitted.startedAt() != null
                && submitted.submittedAt() != null
                && submitted.startedAt().isAfter(submitted.submittedAt())) {
            problems.add(new InvalidField("startedAt", "order", "Время начала позже времени отправки"));
        }
        if (submitted.submittedAt() != null && submitted.submittedAt().isAfter(receivedAt.plus(limits.clockSkew()))) {
            problems.add(
                    new InvalidField("submittedAt", "future", "Время отправки в будущем: проверьте часы устройства"));
        }
        // The questionnaire can only judge fields that have the right shapes.
        if (problems.stream()
                .noneMatch(p -> p.field().equals("campaignId")
                        || p.field().equals("respondentRole")
                        || p.field().startsWith("answers"))) {
            problems.addAll(campaigns.check(submitted));
        }
        if (problems.stream()
                .noneMatch(p -> p.field().equals("campaignId") || p.field().equals("organizationId"))) {
            problems.addAll(registry.check(submitted, receivedAt));
            if (problems.stream()
                    .noneMatch(
                            p -> p.field().equals("organizationId") || p.field().equals("email"))) {
                campaignList
                        .find(submitted.campaignId())
                        .ifPresent(campaign -> problems.addAll(emailConfirmation.check(
                                campaign,
                                submitted.organizationId(),
                                submitted.email(),
                                submitted.emailProof(),
                                receivedAt)));
            }
        }
        problems.sort(Comparator.comparing(InvalidField::field).thenComparing(InvalidField::rule));
        return problems;
    }
}
