package ru.noko.pipeline.antifraud;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import ru.noko.methodology.campaign.AntiFraudSettings;

/**
 * The checks that stay within one organization, keyed by campaign and organization, in this order: one response per
 * Idempotency-Key (a resubmission of the same body goes no further, another body under the key is rejected), one
 * response per e-mail, one per device (per respondent role, the first in event time counts and later ones are
 * rejected), then the IP limit per organization in a sliding event-time window, or an organized session's limit
 * inside the session. One key per organization means one shuffle and one event-time queue for these checks;
 * identifiers and addresses are map keys inside it.
 *
 * <p>A response rejected by an earlier check is passed on unchanged: it is nobody's "first" and uses up no IP quota.
 * Addresses' times are kept for one window, and per minute for as long as a session lasts
 * ({@link AddressWindows}); e-mails and devices for the campaign's lifetime.
 */
public class OrganizationScreening extends EventTimeOrderedCheck {

    /** fingerprint of role|e-mail HMAC → fingerprint of the response that counts */
    private transient MapState<Long, Long> firstByEmail;
    /** fingerprint of role|device token → fingerprint of the response that counts */
    private transient MapState<Long, Long> firstByDevice;
    /** fingerprint of an Idempotency-Key → fingerprint of the first response under it */
    private transient MapState<Long, Long> byIdempotencyKey;
    /** organized session id → places used */
    private transient MapState<String, Integer> sessionsUsed;

    public static String key(ScreenedResponse response) {
        return response.campaignId + "|" + response.organizationId;
    }

    @Override
    protected String checkName() {
        return "organization";
    }

    @Override
    protected void openState() {
        firstByEmail = getRuntimeContext().getMapState(lastingACampaign("first-by-email"));
        firstByDevice = getRuntimeContext().getMapState(lastingACampaign("first-by-device"));
        sessionsUsed = getRuntimeContext().getMapState(SessionPlaces.usedDescriptor());
        byIdempotencyKey = getRuntimeContext().getMapState(lastingACampaign("first-by-idempotency-key"));
    }

    /**
     * Keyed state outlives no campaign: an identifier untouched this long is never read again, and is dropped from the
     * next full checkpoint (heap state) or by RocksDB's compactions (RocksDB state, whose incremental checkpoints are
     * not full ones). Not cleaned incrementally on the heap: that would walk an organization's whole map on every
     * state access.
     */
    private static MapStateDescriptor<Long, Long> lastingACampaign(String name) {
        MapStateDescriptor<Long, Long> descriptor = new MapStateDescriptor<>(name, Types.LONG, Types.LONG);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofDays(180))
                .disableCleanupInBackground()
                .cleanupFullSnapshot()
                .cleanupInRocksdbCompactFilter(1000)
                .build());
        return descriptor;
    }

    @Override
    protected long addressRetentionMillis() {
        return SessionPlaces.LONGEST.toMillis();
    }

    /**
     * A session registered after it started: the responses from its address this organization already let through
     * inside it take its places, so the session's limit holds for them too. Runs over this subtask's keys once per
     * registration (sessions are few); only the session's own organization has anything to count.
     */
    @Override
    protected void sessionRegistered(OrganizedSession session, Context context) throws Exception {
        String own = session.campaignId + "|" + session.organizationId;
        // An address's times are in the window's map, in the minutes' map, or both: visit the key through either.
        for (var kept : List.of(AddressWindows.COUNTED, AddressWindows.MINUTES)) {
            context.applyToKeyedState(kept, (key, state) -> {
                if (key.equals(own)) {
                    takePlacesAlreadyUsed(session);
                }
            });
        }
    }

    /** Idempotent: the places taken become at least the responses counted inside the session so far. */
    private void takePlacesAlreadyUsed(OrganizedSession session) throws Exception {
        int before = addresses.countedBetween(session.ipHmac, session.fromMillis, session.toMillis);
        Integer taken = sessionsUsed.get(session.sessionId);
        if (before > (taken == null ? 0 : taken)) {
            sessionsUsed.put(session.sessionId, before);
        }
    }

    @Override
    protected boolean judge(
            ScreenedResponse response,
            AntiFraudSettings rules,
            ReadOnlyBroadcastState<String, OrganizedSession> sessions,
            TimerService timers)
            throws Exception {
        // What the maps remember of this response: one digest, however many of them it is checked against.
        long self = Fingerprint.of(response.responseId);
        if (isResubmission(response, self)) {
            return false;
        }
        if (rules.onePerEmail()) {
            firstResponse(response, self, firstByEmail, response.emailHmac, FraudReason.DUPLICATE_EMAIL);
        }
        if (rules.onePerDevice()) {
            firstResponse(response, self, firstByDevice, response.deviceToken, FraudReason.DUPLICATE_DEVICE);
        }
        if (!response.isRejected()) {
            ipLimit(response, rules, SessionPlaces.covering(response, sessions), timers);
        }
        // Nothing downstream looks at them again: fewer strings to serialize on each later shuffle.
        response.emailHmac = null;
        response.deviceToken = null;
        response.idempotencyKey = null;
        return true;
    }

    /**
     * A response with an Idempotency-Key: the first under its key (in receipt order) counts; the same response again
     * (a resubmission of the same body has the same id) is not a response of its own and goes no further, so the
     * checks and the figures count it once; another response under the key (another body) is rejected.
     */
    private boolean isResubmission(ScreenedResponse response, long self) throws Exception {
        if (response.idempotencyKey == null || response.idempotencyKey.isEmpty()) {
            return false;
        }
        long key = Fingerprint.of(response.idempotencyKey);
        Long first = byIdempotencyKey.get(key);
        if (first == null) {
            byIdempotencyKey.put(key, self);
            return false;
        }
        if (first == self) {
            return true;
        }
        response.reject(FraudReason.IDEMPOTENCY_CONFLICT);
        return false;
    }

    /**
     * The IP limit per organization: by the address's sliding window, or, inside an organized session, by the
     * session's places (the larger of its participants and the normal limit). A response a session lets through still
     * counts in the address's window, so after the session the normal rule sees the class's responses.
     */
    private void ipLimit(
            ScreenedResponse response, AntiFraudSettings rules, List<OrganizedSession> covering, TimerService timers)
            throws Exception {
        int limit = rules.ipLimitPerOrganization();
        if (covering.isEmpty()) {
            addresses.judge(response, rules, limit, FraudReason.IP_LIMIT_ORGANIZATION, timers);
            return;
        }
        if (SessionPlaces.take(covering, limit, sessionsUsed)
                || IpWindow.overLimit(response, FraudReason.IP_LIMIT_ORGANIZATION, rules)) {
            addresses.count(response, rules, timers);
        }
    }

    private static void firstResponse(
            ScreenedResponse response, long self, MapState<Long, Long> first, String person, FraudReason duplicate)
            throws Exception {
        // Without the identifier there is no person to remember (most responses come without an e-mail).
        if (response.isRejected() || person == null || person.isEmpty()) {
            return;
        }
        long key = Fingerprint.of(response.respondentRole + "|" + person);
        Long earlier = first.get(key);
        if (earlier == null) {
            first.put(key, self);
        } else if (earlier != self) {
            // A replay of the response that counted is still that response.
            response.reject(duplicate);
        }
    }
}
