package ru.noko.pipeline.antifraud;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import ru.noko.methodology.campaign.AntiFraudSettings;

/**
 * Frequency per IP address in a sliding event-time window: keyed by campaign and IP HMAC (and organization, for the
 * per-organization limit), a response is over the limit when the responses this key already counted within the
 * window before it reach the campaign's limit. Over the limit it is rejected, or flagged for review where the campaign
 * says so; a rejected response does not use up the quota, a flagged one does.
 *
 * <p>An organized session registered for the address (broadcast to every instance) lifts the limit inside its time
 * window for up to its declared number of responses; they still count in the window, so beyond the declared number
 * the normal rule applies again. Sessions are matched when the response is judged, that is once the watermark passes
 * it: a session registered before the class starts is always seen.
 */
public class IpRateLimit extends KeyedBroadcastProcessFunction<String, ScreenedResponse, OrganizedSession, ScreenedResponse> {

    public static final MapStateDescriptor<String, OrganizedSession> SESSIONS =
            new MapStateDescriptor<>("organized-sessions", Types.STRING, TypeInformation.of(OrganizedSession.class));

    private final boolean perOrganization;
    private final Map<String, AntiFraudSettings> settings;
    private transient EventTimeQueue queue;
    private transient ListState<Long> counted;
    private transient MapState<String, Integer> sessionUse;

    public IpRateLimit(boolean perOrganization, Map<String, AntiFraudSettings> settings) {
        this.perOrganization = perOrganization;
        this.settings = Map.copyOf(settings);
    }

    public static String key(ScreenedResponse screened, boolean perOrganization) {
        var r = screened.response;
        return perOrganization ? String.join("|", r.campaignId, r.ipHmac, r.organizationId)
                : String.join("|", r.campaignId, r.ipHmac);
    }

    @Override
    public void open(OpenContext context) {
        queue = new EventTimeQueue();
        queue.open(getRuntimeContext());
        // Only the last window matters; a key idle for a day has nothing left to count.
        StateTtlConfig day = StateTtlConfig.newBuilder(java.time.Duration.ofDays(1)).build();
        ListStateDescriptor<Long> times = new ListStateDescriptor<>("counted-times", Types.LONG);
        times.enableTimeToLive(day);
        counted = getRuntimeContext().getListState(times);
        MapStateDescriptor<String, Integer> use = new MapStateDescriptor<>("session-use", Types.STRING, Types.INT);
        use.enableTimeToLive(day);
        sessionUse = getRuntimeContext().getMapState(use);
    }

    @Override
    public void processBroadcastElement(OrganizedSession session, Context context, Collector<ScreenedResponse> out)
            throws Exception {
        BroadcastState<String, OrganizedSession> sessions = context.getBroadcastState(SESSIONS);
        sessions.put(session.sessionId, session);
    }

    @Override
    public void processElement(ScreenedResponse response, ReadOnlyContext context, Collector<ScreenedResponse> out)
            throws Exception {
        if (queue.isLate(response, context.timerService())) {
            judge(response, context.getBroadcastState(SESSIONS));
            out.collect(response);
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext context, Collector<ScreenedResponse> out) throws Exception {
        for (ScreenedResponse response : queue.release(time)) {
            judge(response, context.getBroadcastState(SESSIONS));
            out.collect(response);
        }
    }

    private void judge(ScreenedResponse response, ReadOnlyBroadcastState<String, OrganizedSession> sessions)
            throws Exception {
        if (response.isRejected()) {
            return;
        }
        AntiFraudSettings rules = settings.getOrDefault(response.response.campaignId, AntiFraudSettings.DEFAULTS);
        long time = response.eventTime();
        long windowStart = time - rules.ipWindowMinutes() * 60_000L;
        List<Long> recent = new ArrayList<>();
        for (Long earlier : counted.get()) {
            if (earlier > windowStart) {
                recent.add(earlier);
            }
        }
        int limit = perOrganization ? rules.ipLimitPerOrganization() : rules.ipLimitAcrossOrganizations();
        FraudReason reason = perOrganization ? FraudReason.IP_LIMIT_ORGANIZATION : FraudReason.IP_LIMIT_ALL_ORGANIZATIONS;
        if (recent.size() >= limit && !useSession(response, sessions)) {
            if (rules.reviewOverLimit()) {
                response.flag(reason);
                recent.add(time);
            } else {
                response.reject(reason);
            }
        } else {
            recent.add(time);
        }
        counted.update(recent);
    }

    /** Takes a place in a session covering the response, if one has a place left. */
    private boolean useSession(ScreenedResponse response, ReadOnlyBroadcastState<String, OrganizedSession> sessions)
            throws Exception {
        var r = response.response;
        for (Map.Entry<String, OrganizedSession> entry : sessions.immutableEntries()) {
            OrganizedSession session = entry.getValue();
            if (session.covers(r.campaignId, r.ipHmac, r.submittedAtMillis) && session.organizationId.equals(r.organizationId)) {
                int used = sessionUse.contains(session.sessionId) ? sessionUse.get(session.sessionId) : 0;
                if (used < session.participants) {
                    sessionUse.put(session.sessionId, used + 1);
                    return true;
                }
            }
        }
        return false;
    }
}
