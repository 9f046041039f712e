package ru.noko.pipeline.antifraud;

import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import ru.noko.methodology.campaign.AntiFraudSettings;

/** A keyed check that judges each key's responses in event-time order ({@link EventTimeQueue}). */
public abstract class EventTimeOrderedCheck extends KeyedProcessFunction<String, ScreenedResponse, ScreenedResponse> {

    private final Map<String, AntiFraudSettings> settings;
    private transient EventTimeQueue queue;

    protected EventTimeOrderedCheck(Map<String, AntiFraudSettings> settings) {
        this.settings = Map.copyOf(settings);
    }

    @Override
    public void open(OpenContext context) throws Exception {
        queue = new EventTimeQueue();
        queue.open(getRuntimeContext());
        openState(context);
    }

    /** Creates the check's own state. */
    protected abstract void openState(OpenContext context) throws Exception;

    /** Judges one response of this key; responses arrive here in event-time order. */
    protected abstract void judge(ScreenedResponse response, AntiFraudSettings rules) throws Exception;

    @Override
    public void processElement(ScreenedResponse response, Context context, Collector<ScreenedResponse> out)
            throws Exception {
        if (queue.isLate(response, context.timerService())) {
            judgeAndEmit(response, out);
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext context, Collector<ScreenedResponse> out) throws Exception {
        for (ScreenedResponse response : queue.release(time)) {
            judgeAndEmit(response, out);
        }
    }

    private void judgeAndEmit(ScreenedResponse response, Collector<ScreenedResponse> out) throws Exception {
        judge(response, settings.getOrDefault(response.response.campaignId, AntiFraudSettings.DEFAULTS));
        out.collect(response);
    }

    /** Keyed state outlives no campaign: state untouched this long is dropped. */
    protected static StateTtlConfig campaignLifetime() {
        return StateTtlConfig.newBuilder(java.time.Duration.ofDays(180)).build();
    }
}
