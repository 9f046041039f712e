package ru.noko.methodology.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A registry file was not imported because of the problems it lists; nothing of it is used. */
public final class RegistryImportException extends Exception {

    private static final long serialVersionUID = 1L;
    private static final int PROBLEMS_IN_MESSAGE = 20;
    private static final Comparator<LineProblem> BY_LINE_THEN_COLUMN = Comparator.comparingInt(LineProblem::line)
            .thenComparing(LineProblem::column, Comparator.nullsFirst(Comparator.naturalOrder()));

    private final List<LineProblem> problems;

    public RegistryImportException(List<LineProblem> problems) {
        this.problems = sorted(problems);
    }

    /** Every problem found, sorted by line, then by column (whole-line problems first). */
    public List<LineProblem> problems() {
        return problems;
    }

    private static List<LineProblem> sorted(List<LineProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("An import fails only for a reason");
        }
        List<LineProblem> sorted = new ArrayList<>(problems);
        sorted.sort(BY_LINE_THEN_COLUMN);
        return List.copyOf(sorted);
    }

    /** What a command-line tool prints, so it is in Russian: the number of problems and the first of them. */
    @Override
    public String getMessage() {
        StringBuilder message = new StringBuilder("Реестр организаций не загружен, ошибок: ").append(problems.size());
        problems.stream().limit(PROBLEMS_IN_MESSAGE).forEach(problem -> {
            message.append(System.lineSeparator()).append("  строка ").append(problem.line());
            if (problem.column() != null) {
                message.append(", столбец ").append(problem.column());
            }
            message.append(": ").append(problem.reason());
        });
        if (problems.size() > PROBLEMS_IN_MESSAGE) {
            message.append(System.lineSeparator()).append("  … и ещё ").append(problems.size() - PROBLEMS_IN_MESSAGE);
        }
        return message.toString();
    }
}
