package ru.noko.pipeline.recheck;

import java.util.List;
import ru.noko.pipeline.results.VerdictCorrection;

/** Where the corrections to the live figures go; returns once every one is stored durably. */
@FunctionalInterface
public interface CorrectionPublisher {
    void publish(List<VerdictCorrection> corrections) throws Exception;
}
