package ru.noko.pipeline.antifraud;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import ru.noko.methodology.campaign.AntiFraudSettings;

/**
 * The checks that stay within one organization, keyed by campaign and organization, in this order: one response per
 * e-mail, one per device (per respondent role, the first in event time counts and later ones are rejected), then the
 * IP limit per organization in a sliding event-time window. One key per organization means one shuffle and one
 * event-time queue for the three checks; identifiers and addresses are map keys inside it.
 *
 * <p>A response rejected by an earlier check is passed on unchanged: it is nobody's "first" and uses up no IP quota.
 * Addresses are kept for about one window ({@link AddressWindows}); e-mails and devices for the campaign's lifetime.
 */
public class OrganizationScreening extends EventTimeOrderedCheck {

    /** fingerprint of role|e-mail HMAC → fingerprint of the response that counts */
    private transient MapState<Long, Long> firstByEmail;
    /** fingerprint of role|device token → fingerprint of the response that counts */
    private transient MapState<Long, Long> firstByDevice;

    public OrganizationScreening(Map<String, AntiFraudSettings> settings) {
        super(settings);
    }

    public static String key(ScreenedResponse response) {
        return response.campaignId + "|" + response.organizationId;
    }

    @Override
    protected void openState() {
        firstByEmail = getRuntimeContext().getMapState(lastingACampaign("first-by-email"));
        firstByDevice = getRuntimeContext().getMapState(lastingACampaign("first-by-device"));
    }

    /**
     * Keyed state outlives no campaign: an identifier untouched this long is dropped from the next checkpoint and
     * never read again. Not cleaned in the background: incremental cleanup would walk an organization's whole map on
     * every state access.
     */
    private static MapStateDescriptor<Long, Long> lastingACampaign(String name) {
        MapStateDescriptor<Long, Long> descriptor = new MapStateDescriptor<>(name, Types.LONG, Types.LONG);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofDays(180))
                .disableCleanupInBackground().cleanupFullSnapshot().build());
        return descriptor;
    }

    @Override
    protected void judge(ScreenedResponse response, AntiFraudSettings rules,
            ReadOnlyBroadcastState<String, OrganizedSession> sessions, TimerService timers) throws Exception {
        if (rules.onePerEmail()) {
            firstResponse(response, firstByEmail, response.emailHmac, FraudReason.DUPLICATE_EMAIL);
        }
        if (rules.onePerDevice()) {
            firstResponse(response, firstByDevice, response.deviceToken, FraudReason.DUPLICATE_DEVICE);
        }
        if (!response.isRejected()) {
            addresses.judge(response, rules, rules.ipLimitPerOrganization(), FraudReason.IP_LIMIT_ORGANIZATION,
                    () -> SessionPlaces.take(response, sessions, sessionsUsed), timers);
        }
        // Nothing downstream looks at them again: two fewer strings to serialize on each later shuffle.
        response.emailHmac = null;
        response.deviceToken = null;
    }

    private static void firstResponse(ScreenedResponse response, MapState<Long, Long> first, String person,
            FraudReason duplicate) throws Exception {
        // Without the identifier there is no person to remember (most responses come without an e-mail).
        if (response.isRejected() || person == null || person.isEmpty()) {
            return;
        }
        long key = Fingerprint.of(response.respondentRole + "|" + person);
        long self = Fingerprint.of(response.responseId);
        Long earlier = first.get(key);
        if (earlier == null) {
            first.put(key, self);
        } else if (earlier != self) {
            // A replay of the response that counted is still that response.
            response.reject(duplicate);
        }
    }
}
