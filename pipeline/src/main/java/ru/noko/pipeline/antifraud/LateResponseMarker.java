package ru.noko.pipeline.antifraud;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import ru.noko.pipeline.response.ResponseRow;

/**
 * Notes responses that arrive behind the watermark (receivedAt older than the bounded out-of-orderness allows).
 * They are not dropped: they go on to the checks, which judge them at once against what they have seen, and a copy
 * goes to a side output stored in {@code late_responses}, so a recomputation in event-time order knows which
 * verdicts it may judge differently.
 */
public class LateResponseMarker extends ProcessFunction<ResponseRow, ResponseRow> {

    public static final OutputTag<LateResponse> LATE = new OutputTag<>("late-responses") {};

    @Override
    public void processElement(ResponseRow response, Context context, Collector<ResponseRow> out) {
        long watermark = context.timerService().currentWatermark();
        if (response.receivedAtMillis <= watermark) {
            LateResponse late = new LateResponse();
            late.responseId = response.responseId;
            late.campaignId = response.campaignId;
            late.organizationId = response.organizationId;
            late.submittedAtMillis = response.submittedAtMillis;
            late.receivedAtMillis = response.receivedAtMillis;
            late.watermarkMillis = watermark;
            context.output(LATE, late);
        }
        out.collect(response);
    }

    /** A response that arrived behind the watermark, and how far behind. */
    public static class LateResponse {
        public String responseId;
        public String campaignId;
        public String organizationId;
        public long submittedAtMillis;
        public long receivedAtMillis;
        public long watermarkMillis;

        public LateResponse() {}
    }
}
