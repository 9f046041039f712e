package ru.noko.pipeline.antifraud;

import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import ru.noko.methodology.campaign.AntiFraudSettings;

/**
 * The IP limit across organizations, keyed by campaign and IP HMAC: a response is over the limit when the responses
 * the address already sent to any organization within the sliding event-time window reach the campaign's limit. Over
 * the limit it is rejected, or flagged for review where the campaign says so. An organized session registered for
 * the address lifts the limit inside its time window for up to its declared number of responses; they still count in
 * the window, so beyond the declared number the normal rule applies again. Sessions are matched when the response is
 * judged, once the watermark passes it: a session registered before the class starts is always seen.
 *
 * <p>It runs after {@link OrganizationScreening}, so a response rejected there uses up no quota here. The address is
 * forgotten once the window has slid past all its counted times.
 */
public class IpLimitAcrossOrganizations
        extends KeyedBroadcastProcessFunction<String, ScreenedResponse, OrganizedSession, ScreenedResponse> {

    private final Map<String, AntiFraudSettings> settings;
    private transient EventTimeQueue queue;
    private transient ValueState<long[]> counted;
    private transient MapState<String, Integer> sessionsUsed;

    public IpLimitAcrossOrganizations(Map<String, AntiFraudSettings> settings) {
        this.settings = Map.copyOf(settings);
    }

    public static String key(ScreenedResponse response) {
        return response.campaignId + "|" + response.ipHmac;
    }

    /** The rules of the key's campaign; campaign ids never contain '|' ({@code Identifiers.ID}). */
    private AntiFraudSettings rules(String key) {
        return settings.getOrDefault(key.substring(0, key.indexOf('|')), AntiFraudSettings.DEFAULTS);
    }

    @Override
    public void open(OpenContext context) {
        queue = new EventTimeQueue();
        queue.open(getRuntimeContext());
        counted = getRuntimeContext().getState(new ValueStateDescriptor<>("counted-times",
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        sessionsUsed = getRuntimeContext().getMapState(SessionPlaces.usedDescriptor());
    }

    @Override
    public void processBroadcastElement(OrganizedSession session, Context context, Collector<ScreenedResponse> out)
            throws Exception {
        context.getBroadcastState(SessionPlaces.SESSIONS).put(session.sessionId, session);
    }

    @Override
    public void processElement(ScreenedResponse response, ReadOnlyContext context, Collector<ScreenedResponse> out)
            throws Exception {
        if (queue.isLate(response, context.timerService())) {
            judge(response, context.getBroadcastState(SessionPlaces.SESSIONS), context.timerService());
            out.collect(response);
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext context, Collector<ScreenedResponse> out) throws Exception {
        for (ScreenedResponse response : queue.release(time)) {
            judge(response, context.getBroadcastState(SessionPlaces.SESSIONS), context.timerService());
            out.collect(response);
        }
        // Every counted time booked a timer for when it leaves the window; the newest one's forgets the address.
        long[] stored = counted.value();
        if (stored != null && IpWindow.emptyAt(stored, rules(context.getCurrentKey()).ipWindowMillis()) <= time) {
            counted.clear();
        }
    }

    private void judge(ScreenedResponse response, ReadOnlyBroadcastState<String, OrganizedSession> sessions,
            TimerService timers) throws Exception {
        if (response.isRejected()) {
            return;
        }
        AntiFraudSettings rules = rules(key(response));
        long window = rules.ipWindowMillis();
        long[] stored = counted.value();
        long[] recent = IpWindow.recent(stored == null ? IpWindow.EMPTY : stored, response.eventTime(), window);
        boolean counts = IpWindow.admit(response, recent.length, rules.ipLimitAcrossOrganizations(),
                FraudReason.IP_LIMIT_ALL_ORGANIZATIONS, rules, () -> SessionPlaces.take(response, sessions, sessionsUsed));
        long[] updated = counts ? IpWindow.add(recent, response.eventTime()) : recent;
        if (updated.length == 0) {
            counted.clear();
        } else {
            counted.update(updated);
            if (counts) {
                timers.registerEventTimeTimer(response.eventTime() + window);
            }
        }
    }
}
