package ru.noko.portal.plan;

import java.time.LocalDate;

/**
 * One row of an improvement plan in the federal form.
 *
 * @param id null for a row not stored yet
 * @param criterion K1–K5, the section it belongs to
 * @param source what proposed it ({@code indicator:1.1}, {@code checklist:<item>}) or empty when the organization
 *     added it
 */
public record Measure(
        Long id,
        String criterion,
        String deficiency,
        String measure,
        LocalDate plannedDate,
        String responsibleName,
        String responsiblePosition,
        String taken,
        LocalDate actualDate,
        String source) {

    public enum Status {
        DONE("выполнено"),
        IN_PROGRESS("в работе"),
        OVERDUE("просрочено");

        private final String russianName;

        Status(String russianName) {
            this.russianName = russianName;
        }

        public String russianName() {
            return russianName;
        }
    }

    /** Done once it has an actual date; overdue when its planned date has passed without one. */
    public Status status(LocalDate today) {
        if (actualDate != null) {
            return Status.DONE;
        }
        return plannedDate != null && plannedDate.isBefore(today) ? Status.OVERDUE : Status.IN_PROGRESS;
    }

    static Measure proposed(String criterion, String deficiency, String source) {
        return new Measure(null, criterion, deficiency, "", null, "", "", "", null, source);
    }
}
