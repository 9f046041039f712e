package ru.noko.pipeline.antifraud;

import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import ru.noko.methodology.campaign.AntiFraudSettings;

/**
 * A keyed check with an IP limit: it judges each key's responses in event-time order ({@link EventTimeQueue}), keeps
 * the addresses' windows ({@link AddressWindows}) and sweeps them on the key's timers, and sees the organized sessions
 * broadcast to it. Keys start with the campaign id and '|', so the key tells the campaign's rules. A response that
 * arrives behind this check's watermark is judged at once and noted on {@link #LATE}: lateness is a matter of the
 * watermark where the judging happens, not of the source's.
 */
abstract class EventTimeOrderedCheck
        extends KeyedBroadcastProcessFunction<String, ScreenedResponse, OrganizedSession, ScreenedResponse> {

    static final OutputTag<LateResponse> LATE = new OutputTag<>("late-responses") {};

    private final Map<String, AntiFraudSettings> settings;
    private transient EventTimeQueue queue;
    protected transient AddressWindows addresses;

    protected EventTimeOrderedCheck(Map<String, AntiFraudSettings> settings) {
        this.settings = Map.copyOf(settings);
    }

    /** How {@code late_responses} names the check. */
    protected abstract String checkName();

    /** Creates the check's own state, beside the queue and the windows. */
    protected void openState() {}

    /**
     * Judges one response; responses of a key come here in event-time order, late ones on arrival. Returns false for
     * a record that is not a response of its own (a resubmission already judged), which goes no further.
     */
    protected abstract boolean judge(
            ScreenedResponse response,
            AntiFraudSettings rules,
            ReadOnlyBroadcastState<String, OrganizedSession> sessions,
            TimerService timers)
            throws Exception;

    @Override
    public final void open(OpenContext context) {
        queue = new EventTimeQueue();
        queue.open(getRuntimeContext());
        addresses = new AddressWindows(getRuntimeContext());
        openState();
    }

    @Override
    public final void processBroadcastElement(
            OrganizedSession session, Context context, Collector<ScreenedResponse> out) throws Exception {
        context.getBroadcastState(SessionPlaces.SESSIONS).put(session.sessionId, session);
    }

    @Override
    public final void processElement(
            ScreenedResponse response, ReadOnlyContext context, Collector<ScreenedResponse> out) throws Exception {
        TimerService timers = context.timerService();
        if (queue.isLate(response, timers)) {
            context.output(LATE, LateResponse.of(response, checkName(), timers.currentWatermark()));
            judgeAndEmit(response, context.getBroadcastState(SessionPlaces.SESSIONS), timers, out);
        }
    }

    @Override
    public final void onTimer(long time, OnTimerContext context, Collector<ScreenedResponse> out) throws Exception {
        for (ScreenedResponse response : queue.release(time)) {
            judgeAndEmit(response, context.getBroadcastState(SessionPlaces.SESSIONS), context.timerService(), out);
        }
        addresses.sweepIfDue(time, rules(campaignOf(context.getCurrentKey())), context.timerService());
    }

    private void judgeAndEmit(
            ScreenedResponse response,
            ReadOnlyBroadcastState<String, OrganizedSession> sessions,
            TimerService timers,
            Collector<ScreenedResponse> out)
            throws Exception {
        if (judge(response, rules(response.campaignId), sessions, timers)) {
            out.collect(response);
        }
    }

    private AntiFraudSettings rules(String campaignId) {
        return settings.getOrDefault(campaignId, AntiFraudSettings.DEFAULTS);
    }

    /** Campaign ids never contain '|' ({@code Identifiers.ID}). */
    private static String campaignOf(String key) {
        return key.substring(0, key.indexOf('|'));
    }
}
