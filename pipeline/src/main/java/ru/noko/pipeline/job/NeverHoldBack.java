package ru.noko.pipeline.job;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks of a side input that is not itself in event time (sessions, the registry, self-assessments): the input
 * is always idle, so the operator it is connected to takes its watermark from the responses alone, not even held
 * back before the side input's first record. Idle rather than "at the end of time": when the responses pause long
 * enough to go idle themselves, an operator would otherwise take the side input's watermark, jump to the end of time
 * and judge every later response as late.
 */
final class NeverHoldBack<T> implements WatermarkGenerator<T> {

    static <T> WatermarkStrategy<T> strategy() {
        return WatermarkStrategy.forGenerator(context -> new NeverHoldBack<>());
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        output.markIdle();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.markIdle();
    }
}
