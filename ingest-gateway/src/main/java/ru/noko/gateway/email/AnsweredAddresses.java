package ru.noko.gateway.email;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;
import ru.noko.gateway.response.FirstAnswers;

/**
 * The e-mail HMACs this instance has seen answer, per campaign, organization and role, with the submission (its
 * idempotency key or response id) that answered. Lets the gateway tell a respondent at once that an address already
 * answered; the pipeline's one-per-e-mail check is the authority and rejects such a response on whichever instance
 * it arrived. Bounded: past {@code remembered} entries the least recent are forgotten.
 */
@Component
public class AnsweredAddresses implements FirstAnswers {

    private final Cache<String, String> answered;

    AnsweredAddresses(EmailSettings settings) {
        this.answered = Caffeine.newBuilder().maximumSize(settings.remembered()).build();
    }

    @Override
    public boolean claim(String campaignId, String organizationId, String role, String emailHmac, String submission) {
        String key = campaignId + "|" + organizationId + "|" + role + "|" + emailHmac;
        return answered.get(key, ignored -> submission).equals(submission);
    }
}
