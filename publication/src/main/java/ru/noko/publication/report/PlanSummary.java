package ru.noko.publication.report;

import java.util.Map;

/**
 * The state of a campaign's improvement plans, for the report: plans by state, and the approved plans' measures by
 * status.
 *
 * @param plans by state, in Russian («черновик», «на рассмотрении», «утверждён», «возвращён на доработку»)
 * @param available false where the report was made without the portal's database (then nothing else is known)
 */
public record PlanSummary(boolean available, Map<String, Long> plans, long done, long inProgress, long overdue) {

    public static PlanSummary unknown() {
        return new PlanSummary(false, Map.of(), 0, 0, 0);
    }

    public long measures() {
        return done + inProgress + overdue;
    }
}
