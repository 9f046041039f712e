package ru.noko.portal.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An organization's improvement plan for a campaign, its measures in criterion order. */
public record Plan(
        String campaignId,
        String organizationId,
        PlanState state,
        String reviewComment,
        String reviewedBy,
        Instant updatedAt,
        List<Measure> measures) {

    public static final List<String> CRITERIA = List.of("K1", "K2", "K3", "K4", "K5");

    public List<Measure> section(String criterion) {
        return measures.stream().filter(m -> m.criterion().equals(criterion)).toList();
    }

    public long overdue(LocalDate today) {
        return measures.stream()
                .filter(m -> m.status(today) == Measure.Status.OVERDUE)
                .count();
    }

    public long done(LocalDate today) {
        return measures.stream()
                .filter(m -> m.status(today) == Measure.Status.DONE)
                .count();
    }
}
