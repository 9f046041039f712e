package ru.noko.portal.plan;

/** Where a plan stands, as the pages name it. */
public enum PlanState {
    DRAFT("черновик"),
    SUBMITTED("на рассмотрении"),
    APPROVED("утверждён"),
    RETURNED("возвращён на доработку");

    private final String russianName;

    PlanState(String russianName) {
        this.russianName = russianName;
    }

    public String russianName() {
        return russianName;
    }

    /** The organization may change its measures (not their progress, which follows approval). */
    public boolean editable() {
        return this == DRAFT || this == RETURNED;
    }
}
