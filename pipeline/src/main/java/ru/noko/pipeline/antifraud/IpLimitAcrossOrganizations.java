package ru.noko.pipeline.antifraud;

import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import ru.noko.methodology.campaign.AntiFraudSettings;

/**
 * The IP limit across organizations: a response is over the limit when the responses its address already sent to any
 * organization within the sliding event-time window reach the campaign's limit. Over the limit it is rejected, or
 * flagged for review where the campaign says so. An organized session registered for the address lifts the limit
 * inside its time window for up to its declared number of responses; they still count in the window, so beyond the
 * declared number the normal rule applies again. Sessions are matched when the response is judged, once the watermark
 * passes it: a session registered before the class starts is always seen.
 *
 * <p>Keyed by campaign and a bucket of addresses (a hash of the IP HMAC), not by the address itself: most addresses
 * send one response, and a key per address would cost a queue, a map and a timer to forget it for each response.
 * Buckets are judged in event-time order like any key, and each address keeps its own window
 * ({@link AddressWindows}). It runs after {@link OrganizationScreening}, so a response rejected there uses up no
 * quota here.
 */
public class IpLimitAcrossOrganizations
        extends KeyedBroadcastProcessFunction<String, ScreenedResponse, OrganizedSession, ScreenedResponse> {

    /** Enough to spread the addresses over any parallelism; each bucket holds a few hundredths of a window's. */
    static final int BUCKETS = 4096;

    private final Map<String, AntiFraudSettings> settings;
    private transient EventTimeQueue queue;
    private transient AddressWindows addresses;
    private transient MapState<String, Integer> sessionsUsed;

    public IpLimitAcrossOrganizations(Map<String, AntiFraudSettings> settings) {
        this.settings = Map.copyOf(settings);
    }

    /** Campaign and bucket; {@code String.hashCode} is the same on every JVM, so a restore finds its keys. */
    public static String key(ScreenedResponse response) {
        return response.campaignId + "|" + Math.floorMod(response.ipHmac.hashCode(), BUCKETS);
    }

    /** The rules of the key's campaign; campaign ids never contain '|' ({@code Identifiers.ID}). */
    private AntiFraudSettings rules(String key) {
        return settings.getOrDefault(key.substring(0, key.indexOf('|')), AntiFraudSettings.DEFAULTS);
    }

    @Override
    public void open(OpenContext context) {
        queue = new EventTimeQueue();
        queue.open(getRuntimeContext());
        addresses = new AddressWindows(getRuntimeContext());
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
            judge(response, context);
            out.collect(response);
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext context, Collector<ScreenedResponse> out) throws Exception {
        for (ScreenedResponse response : queue.release(time)) {
            judge(response, context);
            out.collect(response);
        }
        addresses.sweepIfDue(time, rules(context.getCurrentKey()), context.timerService());
    }

    private void judge(ScreenedResponse response, ReadOnlyContext context) throws Exception {
        if (response.isRejected()) {
            return;
        }
        AntiFraudSettings rules = settings.getOrDefault(response.campaignId, AntiFraudSettings.DEFAULTS);
        addresses.judge(response, rules, rules.ipLimitAcrossOrganizations(), FraudReason.IP_LIMIT_ALL_ORGANIZATIONS,
                () -> SessionPlaces.take(response, context.getBroadcastState(SessionPlaces.SESSIONS), sessionsUsed),
                context.timerService());
    }
}
