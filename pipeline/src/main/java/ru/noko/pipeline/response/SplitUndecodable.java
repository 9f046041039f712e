package ru.noko.pipeline.response;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Responses go on; unreadable records go to a side output of their own, to be stored with their reason. */
public class SplitUndecodable extends ProcessFunction<IncomingRecord, ResponseRow> {

    public static final OutputTag<UndecodableRecord> UNDECODABLE = new OutputTag<>("undecodable-records") {};

    @Override
    public void processElement(IncomingRecord record, Context context, Collector<ResponseRow> out) {
        if (record.response != null) {
            out.collect(record.response);
        } else {
            context.output(UNDECODABLE, record.undecodable);
        }
    }
}
