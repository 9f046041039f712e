package ru.noko.methodology.campaign;

import java.io.Serializable;

/**
 * A campaign's rules against cheating; every field has a default, so a campaign file names only what it changes.
 *
 * @param minFillSeconds a response submitted sooner than this after the form was opened is rejected as too fast
 * @param onePerEmail per organization and role, only the first response with an e-mail HMAC counts
 * @param onePerDevice per organization and role, only the first response with a device token counts
 * @param ipWindowMinutes length of the sliding event-time window the IP limits count in
 * @param ipLimitPerOrganization responses one IP address may send to one organization within the window
 * @param ipLimitAcrossOrganizations responses one IP address may send to all organizations within the window
 * @param ipOverLimit {@code reject}, or {@code review}: accepted but flagged for an analyst
 * @param confirmEmail every response needs an e-mail address the respondent confirmed with a code sent to it (letter
 *     000's "registration by e-mail"); the address still leaves the gateway only as its HMAC
 */
public record AntiFraudSettings(
        Integer minFillSeconds,
        Boolean onePerEmail,
        Boolean onePerDevice,
        Integer ipWindowMinutes,
        Integer ipLimitPerOrganization,
        Integer ipLimitAcrossOrganizations,
        String ipOverLimit,
        Boolean confirmEmail)
        implements Serializable {

    public static final AntiFraudSettings DEFAULTS = new AntiFraudSettings(60, true, true, 60, 20, 60, "reject", false);

    public AntiFraudSettings {
        minFillSeconds = minFillSeconds == null ? 60 : minFillSeconds;
        onePerEmail = onePerEmail == null || onePerEmail;
        onePerDevice = onePerDevice == null || onePerDevice;
        ipWindowMinutes = ipWindowMinutes == null ? 60 : ipWindowMinutes;
        ipLimitPerOrganization = ipLimitPerOrganization == null ? 20 : ipLimitPerOrganization;
        ipLimitAcrossOrganizations = ipLimitAcrossOrganizations == null ? 60 : ipLimitAcrossOrganizations;
        ipOverLimit = ipOverLimit == null ? "reject" : ipOverLimit;
        confirmEmail = confirmEmail != null && confirmEmail;
        if (!ipOverLimit.equals("reject") && !ipOverLimit.equals("review")) {
            throw new IllegalArgumentException("antiFraud.ipOverLimit must be reject or review, not " + ipOverLimit);
        }
        if (minFillSeconds < 0 || ipWindowMinutes < 1 || ipLimitPerOrganization < 1 || ipLimitAcrossOrganizations < 1) {
            throw new IllegalArgumentException("antiFraud: times must be non-negative and limits at least 1");
        }
        if (confirmEmail && !onePerEmail) {
            throw new IllegalArgumentException("antiFraud.confirmEmail needs onePerEmail: a confirmed address that may "
                    + "answer any number of times protects nothing");
        }
    }

    public long ipWindowMillis() {
        return ipWindowMinutes * 60_000L;
    }

    public boolean reviewOverLimit() {
        return ipOverLimit.equals("review");
    }
}
