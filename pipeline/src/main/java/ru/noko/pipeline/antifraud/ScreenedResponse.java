package ru.noko.pipeline.antifraud;

import java.util.Arrays;
import java.util.TreeSet;
import ru.noko.methodology.campaign.AntiFraudSettings;
import ru.noko.pipeline.response.ResponseRow;

/**
 * A response on its way through the anti-fraud checks to the live figures, collecting reasons: rejections (the
 * response does not count) and flags (it counts, but an analyst should look). It carries only what the checks, the
 * verdicts and the figures need — ids, identifiers, the time and the answers' counts — since every check is a
 * shuffle that serializes it. A Flink POJO; reasons are kept as sorted comma-separated codes so the type stays flat
 * and a replay produces the same row.
 */
public class ScreenedResponse {
    public String responseId;
    public String campaignId;
    public String organizationId;
    public String respondentRole;
    public long submittedAtMillis;
    /** The gateway's clock: the event time every check orders and windows by. */
    public long receivedAtMillis;

    public String ipHmac;
    /** The identifiers the organization's checks look at; cleared once they have. */
    public String deviceToken;

    public String emailHmac;
    /** The client's Idempotency-Key, '' when none; cleared once the organization's checks have used it. */
    public String idempotencyKey;
    /** The answers' counts by the campaign's scoring model ({@link ResponseRow#counts}). */
    public long[] counts;

    public String rejections = "";
    public String flags = "";

    /**
     * The campaign's anti-fraud rules the keyed checks apply, attached by {@link CampaignRulesCheck} from the catalog
     * as it was when the response passed: the checks need no catalog of their own, and a campaign published while
     * the job runs is judged by its own rules. Zero {@code ipWindowMinutes} means none attached (the defaults apply).
     */
    public boolean onePerEmail;

    public boolean onePerDevice;
    public int ipWindowMinutes;
    public int ipLimitPerOrganization;
    public int ipLimitAcrossOrganizations;
    public boolean reviewOverLimit;

    public ScreenedResponse() {}

    public static ScreenedResponse of(ResponseRow response) {
        ScreenedResponse screened = new ScreenedResponse();
        screened.responseId = response.responseId;
        screened.campaignId = response.campaignId;
        screened.organizationId = response.organizationId;
        screened.respondentRole = response.respondentRole;
        screened.submittedAtMillis = response.submittedAtMillis;
        screened.receivedAtMillis = response.receivedAtMillis;
        screened.ipHmac = response.ipHmac;
        screened.deviceToken = response.deviceToken;
        screened.emailHmac = response.emailHmac;
        screened.idempotencyKey = response.idempotencyKey == null ? "" : response.idempotencyKey;
        screened.counts = response.counts == null ? new long[0] : response.counts;
        return screened;
    }

    /** The address as the IP windows key it ({@link AddressWindows#key}). */
    long addressKey() {
        return AddressWindows.key(ipHmac);
    }

    /** Attaches the rules the keyed checks will apply. */
    public ScreenedResponse withRules(AntiFraudSettings rules) {
        onePerEmail = rules.onePerEmail();
        onePerDevice = rules.onePerDevice();
        ipWindowMinutes = rules.ipWindowMinutes();
        ipLimitPerOrganization = rules.ipLimitPerOrganization();
        ipLimitAcrossOrganizations = rules.ipLimitAcrossOrganizations();
        reviewOverLimit = rules.reviewOverLimit();
        return this;
    }

    /** The rules attached to the response, or the defaults when none were. */
    public AntiFraudSettings rules() {
        if (ipWindowMinutes == 0) {
            return AntiFraudSettings.DEFAULTS;
        }
        return new AntiFraudSettings(
                0,
                onePerEmail,
                onePerDevice,
                ipWindowMinutes,
                ipLimitPerOrganization,
                ipLimitAcrossOrganizations,
                reviewOverLimit ? "review" : "reject",
                false);
    }

    public boolean isRejected() {
        return !rejections.isEmpty();
    }

    public void reject(FraudReason reason) {
        rejections = add(rejections, reason);
    }

    public void flag(FraudReason reason) {
        flags = add(flags, reason);
    }

    /** accepted, review (accepted with flags) or rejected. */
    public String verdict() {
        return isRejected() ? "rejected" : flags.isEmpty() ? "accepted" : "review";
    }

    public long eventTime() {
        return receivedAtMillis;
    }

    private static String add(String codes, FraudReason reason) {
        TreeSet<String> set = new TreeSet<>(codes.isEmpty() ? java.util.List.of() : Arrays.asList(codes.split(",")));
        set.add(reason.name());
        return String.join(",", set);
    }

    @Override
    public String toString() {
        return "ScreenedResponse[" + responseId + " " + verdict() + " " + rejections + " " + flags + "]";
    }
}
