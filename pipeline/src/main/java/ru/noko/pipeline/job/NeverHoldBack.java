package ru.noko.pipeline.job;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks of a side input that is not itself in event time (sessions, the registry, self-assessments): always at
 * the end of time, so it never holds back the watermark of the operator it is connected to, not even before its first
 * record arrives.
 */
final class NeverHoldBack<T> implements WatermarkGenerator<T> {

    static <T> WatermarkStrategy<T> strategy() {
        return WatermarkStrategy.forGenerator(context -> new NeverHoldBack<>());
    }


    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(new Watermark(Long.MAX_VALUE - 1));
    }
}
