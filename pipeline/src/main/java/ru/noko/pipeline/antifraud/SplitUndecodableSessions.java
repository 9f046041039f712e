package ru.noko.pipeline.antifraud;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import ru.noko.pipeline.response.SplitUndecodable;

/** Sessions go on to the IP checks; unreadable session records join the responses' unreadable records. */
public class SplitUndecodableSessions extends ProcessFunction<SessionDeserializer.Incoming, OrganizedSession> {

    @Override
    public void processElement(SessionDeserializer.Incoming record, Context context, Collector<OrganizedSession> out) {
        if (record.session != null) {
            out.collect(record.session);
        } else {
            context.output(SplitUndecodable.UNDECODABLE, record.undecodable);
        }
    }
}
