package ru.noko.methodology.cli;

import java.nio.file.Path;
import java.util.List;
import ru.noko.methodology.registry.RegistryImportException;

/**
 * Why a command could not do its work, in Russian, for the person who ran it: the lines that name each problem (a file's
 * line and what is wrong there), then one line that sums it up. {@link Commands} prints it and ends the command with
 * {@link Commands#FAILED}; no stack trace reaches the terminal.
 */
public final class CommandFailure extends RuntimeException {

    private final List<String> details;

    public CommandFailure(String message) {
        this(message, List.of());
    }

    public CommandFailure(String message, List<String> details) {
        super(message);
        this.details = List.copyOf(details);
    }

    /** A registry file that did not import: each bad line by file, line and column, and how many there were. */
    public static CommandFailure registry(Path file, RegistryImportException refused, String consequence) {
        return new CommandFailure(
                "реестр не загружен (ошибок — " + refused.problems().size() + ")" + consequence,
                refused.problems().stream()
                        .map(problem -> file + ":" + problem.line()
                                + (problem.column() == null ? "" : " [" + problem.column() + "]") + ": "
                                + problem.reason())
                        .toList());
    }

    /** The lines before the summary, each naming one problem. */
    public List<String> details() {
        return details;
    }
}
