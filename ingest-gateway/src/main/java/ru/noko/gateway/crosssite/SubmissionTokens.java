package ru.noko.gateway.crosssite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
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
        // Read by hand rather than by a regular expression, which cost a submission more than the signature did
        // (BENCHMARKS.md, the security checks).
        int firstDot = token.indexOf('.');
        int lastDot = token.lastIndexOf('.');
        if (firstDot < 1
                || firstDot > 12
                || lastDot - firstDot < 2
                || lastDot - firstDot > 129
                || token.length() - lastDot != 33
                || !all(token, 0, firstDot, SubmissionTokens::digit)
                || !all(token, firstDot + 1, lastDot, SubmissionTokens::viewCharacter)
                || !all(token, lastDot + 1, token.length(), SubmissionTokens::hexDigit)) {
            return new Check.Refused("format", "Отметка анкеты повреждена: откройте анкету заново");
        }
        String second = token.substring(0, firstDot);
        String view = token.substring(firstDot + 1, lastDot);
        String expected = signature(campaignId, organizationId, device, view, second);
        if (!MessageDigest.isEqual(
                token.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII),
                expected.getBytes(StandardCharsets.US_ASCII))) {
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

    private static boolean all(String text, int from, int to, CharPredicate allowed) {
        for (int i = from; i < to; i++) {
            if (!allowed.test(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private interface CharPredicate {
        boolean test(char c);
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean hexDigit(char c) {
        return digit(c) || (c >= 'a' && c <= 'f');
    }

    /** As an idempotency key: letters, digits, '-', '_', '.', ':'. */
    private static boolean viewCharacter(char c) {
        return digit(c)
                || (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || c == '-'
                || c == '_'
                || c == '.'
                || c == ':';
    }

    private String signature(String campaignId, String organizationId, String device, String view, String second) {
        String deviceText = device == null ? "" : device;
        return keys.signature(
                        "submission-token",
                        campaignId + "|" + organizationId + "|" + deviceText + "|" + view + "|" + second)
                .substring(0, 32);
    }
}
