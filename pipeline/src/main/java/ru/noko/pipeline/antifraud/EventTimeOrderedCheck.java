package ru.noko.pipeline.antifraud;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import ru.noko.methodology.campaign.AntiFraudSettings;

/**
 * A keyed check that judges each key's responses in event-time order, so its verdicts depend only on the responses,
 * never on the order Kafka partitions happened to deliver them: a response waits in state until the watermark passes
 * its submittedAt, then all responses of that instant are judged in response-id order.
 *
 * <p>A late response (its submittedAt already behind the watermark when it arrives) is judged at once against what
 * the key has seen; a recomputation from the table in event-time order may judge it differently, and the batch
 * reference does exactly that.
 */
public abstract class EventTimeOrderedCheck extends KeyedProcessFunction<String, ScreenedResponse, ScreenedResponse> {

    private final Map<String, AntiFraudSettings> settings;
    private transient MapState<Long, List<ScreenedResponse>> waiting;

    protected EventTimeOrderedCheck(Map<String, AntiFraudSettings> settings) {
        this.settings = Map.copyOf(settings);
    }

    @Override
    public void open(OpenContext context) throws Exception {
        MapStateDescriptor<Long, List<ScreenedResponse>> descriptor = new MapStateDescriptor<>("waiting", Types.LONG,
                Types.LIST(TypeInformation.of(ScreenedResponse.class)));
        waiting = getRuntimeContext().getMapState(descriptor);
        openState(context);
    }

    /** Creates the check's own state. */
    protected abstract void openState(OpenContext context) throws Exception;

    /** Judges one response of this key; responses arrive here in event-time order. */
    protected abstract void judge(ScreenedResponse response, AntiFraudSettings rules) throws Exception;

    @Override
    public void processElement(ScreenedResponse response, Context context, Collector<ScreenedResponse> out)
            throws Exception {
        long time = response.eventTime();
        if (time <= context.timerService().currentWatermark()) {
            judgeAndEmit(response, out);
            return;
        }
        List<ScreenedResponse> atTime = waiting.get(time);
        List<ScreenedResponse> updated = atTime == null ? new ArrayList<>() : new ArrayList<>(atTime);
        updated.add(response);
        waiting.put(time, updated);
        context.timerService().registerEventTimeTimer(time);
    }

    @Override
    public void onTimer(long time, OnTimerContext context, Collector<ScreenedResponse> out) throws Exception {
        List<ScreenedResponse> atTime = waiting.get(time);
        if (atTime == null) {
            return;
        }
        List<ScreenedResponse> ordered = new ArrayList<>(atTime);
        ordered.sort(Comparator.comparing(r -> r.response.responseId));
        for (ScreenedResponse response : ordered) {
            judgeAndEmit(response, out);
        }
        waiting.remove(time);
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
