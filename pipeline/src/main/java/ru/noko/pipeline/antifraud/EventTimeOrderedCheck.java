package ru.noko.pipeline.antifraud;

import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import ru.noko.methodology.campaign.AntiFraudSettings;

/**
 * A keyed check with an IP limit: it judges each key's responses in event-time order ({@link EventTimeQueue}), keeps
 * the addresses' windows ({@link AddressWindows}) and sweeps them on the key's timers, and takes places in the
 * organized sessions broadcast to it. Keys start with the campaign id and '|', so the key tells the campaign's rules.
 */
abstract class EventTimeOrderedCheck
        extends KeyedBroadcastProcessFunction<String, ScreenedResponse, OrganizedSession, ScreenedResponse> {

    private final Map<String, AntiFraudSettings> settings;
    private transient EventTimeQueue queue;
    protected transient AddressWindows addresses;
    protected transient MapState<String, Integer> sessionsUsed;

    protected EventTimeOrderedCheck(Map<String, AntiFraudSettings> settings) {
        this.settings = Map.copyOf(settings);
    }

    /** Creates the check's own state, beside the queue, the windows and the session places. */
    protected void openState() {}

    /** Judges one response; responses of a key come here in event-time order, late ones on arrival. */
    protected abstract void judge(ScreenedResponse response, AntiFraudSettings rules,
            ReadOnlyBroadcastState<String, OrganizedSession> sessions, TimerService timers) throws Exception;

    @Override
    public final void open(OpenContext context) {
        queue = new EventTimeQueue();
        queue.open(getRuntimeContext());
        addresses = new AddressWindows(getRuntimeContext());
        sessionsUsed = getRuntimeContext().getMapState(SessionPlaces.usedDescriptor());
        openState();
    }

    @Override
    public final void processBroadcastElement(OrganizedSession session, Context context,
            Collector<ScreenedResponse> out) throws Exception {
        context.getBroadcastState(SessionPlaces.SESSIONS).put(session.sessionId, session);
    }

    @Override
    public final void processElement(ScreenedResponse response, ReadOnlyContext context,
            Collector<ScreenedResponse> out) throws Exception {
        if (queue.isLate(response, context.timerService())) {
            judgeAndEmit(response, context.getBroadcastState(SessionPlaces.SESSIONS), context.timerService(), out);
        }
    }

    @Override
    public final void onTimer(long time, OnTimerContext context, Collector<ScreenedResponse> out) throws Exception {
        for (ScreenedResponse response : queue.release(time)) {
            judgeAndEmit(response, context.getBroadcastState(SessionPlaces.SESSIONS), context.timerService(), out);
        }
        addresses.sweepIfDue(time, rules(campaignOf(context.getCurrentKey())), context.timerService());
    }

    private void judgeAndEmit(ScreenedResponse response, ReadOnlyBroadcastState<String, OrganizedSession> sessions,
            TimerService timers, Collector<ScreenedResponse> out) throws Exception {
        judge(response, rules(response.campaignId), sessions, timers);
        out.collect(response);
    }

    private AntiFraudSettings rules(String campaignId) {
        return settings.getOrDefault(campaignId, AntiFraudSettings.DEFAULTS);
    }

    /** Campaign ids never contain '|' ({@code Identifiers.ID}). */
    private static String campaignOf(String key) {
        return key.substring(0, key.indexOf('|'));
    }
}
