package ru.noko.pipeline.results;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import ru.noko.pipeline.response.SplitUndecodable;

/** Valid self-assessments go on to the results; the others join the unreadable records with their reason. */
public class SplitUndecodableAssessments extends ProcessFunction<SelfAssessmentDeserializer.Incoming, SelfAssessmentRecord> {

    @Override
    public void processElement(SelfAssessmentDeserializer.Incoming record, Context context,
            Collector<SelfAssessmentRecord> out) {
        if (record.assessment != null) {
            out.collect(record.assessment);
        } else {
            context.output(SplitUndecodable.UNDECODABLE, record.undecodable);
        }
    }
}
