package ru.noko.publication.figures;

import java.time.LocalDate;
import java.util.List;

/**
 * An organization's approved improvement plan as its public page shows it: the measures in the federal form, by
 * criterion, with their progress.
 */
public record PublicPlan(List<Row> rows) {

    /**
     * @param status «выполнено», «в работе» or «просрочено», as of the day the page was rendered
     */
    public record Row(
            String criterion,
            String deficiency,
            String measure,
            LocalDate plannedDate,
            String responsible,
            String taken,
            LocalDate actualDate,
            String status) {}

    public List<Row> section(String criterion) {
        return rows.stream().filter(r -> r.criterion().equals(criterion)).toList();
    }
}
