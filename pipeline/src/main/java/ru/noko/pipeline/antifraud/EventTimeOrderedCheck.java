package ru.noko.pipeline.antifraud;

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
 * broadcast to it. Each response carries its campaign's rules ({@link CampaignRulesCheck}). A response that
 * arrives behind this check's watermark is judged at once and noted on {@link #LATE}: lateness is a matter of the
 * watermark where the judging happens, not of the source's.
 */
abstract class EventTimeOrderedCheck
        extends KeyedBroadcastProcessFunction<String, ScreenedResponse, OrganizedSession, ScreenedResponse> {

    static final OutputTag<LateResponse> LATE = new OutputTag<>("late-responses") {};

    private transient EventTimeQueue queue;
    protected transient AddressWindows addresses;

    /** How {@code late_responses} names the check. */
    protected abstract String checkName();

    /** Creates the check's own state, beside the queue and the windows. */
    protected void openState() {}

    /**
     * How long the addresses' counted times are looked back at in all: a check that must count them when a session is
     * registered late keeps them, per minute beyond the window, as long as a session may last.
     */
    protected long addressRetentionMillis() {
        return 0;
    }

    /** A session registered (or changed) while the check runs; the check's keyed state may be read through context. */
    protected void sessionRegistered(OrganizedSession session, Context context) throws Exception {}

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
        addresses = new AddressWindows(getRuntimeContext(), addressRetentionMillis());
        openState();
    }

    @Override
    public final void processBroadcastElement(
            OrganizedSession session, Context context, Collector<ScreenedResponse> out) throws Exception {
        if (session.cancelled) {
            // Responses judged from here on see the address's normal limit; those the session let through stay.
            context.getBroadcastState(SessionPlaces.SESSIONS).remove(session.sessionId);
            return;
        }
        context.getBroadcastState(SessionPlaces.SESSIONS).put(session.sessionId, session);
        sessionRegistered(session, context);
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
        for (ScreenedResponse response : queue.release(context.timerService())) {
            judgeAndEmit(response, context.getBroadcastState(SessionPlaces.SESSIONS), context.timerService(), out);
        }
        addresses.sweepIfDue(time, context.timerService());
    }

    private void judgeAndEmit(
            ScreenedResponse response,
            ReadOnlyBroadcastState<String, OrganizedSession> sessions,
            TimerService timers,
            Collector<ScreenedResponse> out)
            throws Exception {
        if (judge(response, response.rules(), sessions, timers)) {
            out.collect(response);
        }
    }
}
