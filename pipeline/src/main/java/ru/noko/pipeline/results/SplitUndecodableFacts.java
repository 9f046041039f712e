package ru.noko.pipeline.results;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import ru.noko.pipeline.response.SplitUndecodable;

/** Valid facts go on to the results; the others join the unreadable records with their reason. */
public class SplitUndecodableFacts extends ProcessFunction<OrganizationFactDeserializer.Incoming, OrganizationFact> {

    @Override
    public void processElement(
            OrganizationFactDeserializer.Incoming record, Context context, Collector<OrganizationFact> out) {
        if (record.fact != null) {
            out.collect(record.fact);
        } else {
            context.output(SplitUndecodable.UNDECODABLE, record.undecodable);
        }
    }
}
