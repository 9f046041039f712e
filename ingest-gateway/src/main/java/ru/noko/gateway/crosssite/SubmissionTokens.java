package ru.noko.gateway.crosssite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import ru.noko.gateway.system.SiteSettings;
import ru.noko.schemas.privacy.Pseudonymizer;

/**
 * Proof that a submission comes from a questionnaire this gateway gave: a token signed with the gateway's key over the
 * campaign, the organization, the device it was given to (the page's device cookie; the API client's device token, or
 * none) and the view it was given in (the page view's idempotency key; a random part for the API), with the second it
 * was given. Another web site cannot make one for its visitors' browsers: it would need their device cookie, which a
 * browser does not send with another site's form (SameSite), and the key. Any instance checks it; nothing is stored.
 */
@Component
public class SubmissionTokens {

    /** How checking a token ended. */
    public sealed interface Check {
        /** Given by this gateway for this campaign, organization and device, in time; {@code view} is its view. */
        record Valid(String view) implements Check {}

        /** Given by this gateway for them, but longer ago than tokens are good for. */
        record Expired() implements Check {}

        /** No token, or one this gateway did not give for this campaign, organization and device. */
        record Refused(String rule, String message) implements Check {}
    }

    private static final Pattern TOKEN = Pattern.compile("(\\d{1,12})\\.([A-Za-z0-9_.:-]{1,128})\\.([0-9a-f]{32})");
    /** A token given a little in the future of this instance's clock (another instance's) is still good. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final Pseudonymizer keys;
    private final Duration validity;

    SubmissionTokens(Pseudonymizer keys, SiteSettings site) {
        this.keys = keys;
        this.validity = site.submissionTokenValidity();
    }

    /**
     * A token for one view of the questionnaire.
     *
     * @param device the device cookie or the API client's device token; null or empty for none
     * @param view the view's idempotency key (a page), or null for a fresh random part (the API)
     */
    public String issue(String campaignId, String organizationId, String device, String view, Instant now) {
        String viewPart = view != null
                ? view
                : HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        String second = Long.toString(now.getEpochSecond());
        return second + "." + viewPart + "." + signature(campaignId, organizationId, device, viewPart, second);
    }

    /** Until when a token given at {@code now} is good. */
    public Instant validUntil(Instant now) {
        return Instant.ofEpochSecond(now.getEpochSecond()).plus(validity);
    }

    public Check check(String token, String campaignId, String organizationId, String device, Instant now) {
        if (token == null || token.isBlank()) {
            return new Check.Refused(
                    "required", "Нет отметки анкеты: ответ принимается только с анкеты, полученной на этом сайте");
        }
        Matcher parts = TOKEN.matcher(token);
        if (!parts.matches()) {
            return new Check.Refused("format", "Отметка анкеты повреждена: откройте анкету заново");
        }
        String second = parts.group(1);
        String view = parts.group(2);
        String expected = signature(campaignId, organizationId, device, view, second);
        if (!MessageDigest.isEqual(
                parts.group(3).getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII))) {
            return new Check.Refused(
                    "forged",
                    "Отметка анкеты выдана не для этой организации или этого устройства: откройте анкету заново");
        }
        Instant issued = Instant.ofEpochSecond(Long.parseLong(second));
        if (issued.isAfter(now.plus(CLOCK_SKEW))) {
            return new Check.Refused("forged", "Отметка анкеты выдана в будущем: откройте анкету заново");
        }
        return now.isAfter(issued.plus(validity)) ? new Check.Expired() : new Check.Valid(view);
    }

    private String signature(String campaignId, String organizationId, String device, String view, String second) {
        String deviceText = device == null ? "" : device;
        return keys.signature(
                        "submission-token",
                        campaignId + "|" + organizationId + "|" + deviceText + "|" + view + "|" + second)
                .substring(0, 32);
    }
}
