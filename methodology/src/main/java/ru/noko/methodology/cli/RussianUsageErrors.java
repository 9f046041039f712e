package ru.noko.methodology.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * A command line's mistakes told in Russian — what is missing, unknown or given twice, which value does not fit —
 * then the usage. Picocli's own messages are English and name Java types ("is not a BigDecimal"); a person running
 * {@code ./noko score} or {@code ./noko publish} should read neither. {@link Commands} installs it.
 */
public final class RussianUsageErrors implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException problem, String[] args) {
        CommandLine command = problem.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getCommandName() + ": " + message(problem));
        command.usage(err);
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    static String message(ParameterException problem) {
        if (problem instanceof CommandLine.MissingParameterException missing) {
            return "не указано: " + names(missing.getMissing());
        }
        if (problem instanceof CommandLine.UnmatchedArgumentException unmatched) {
            return "неизвестный параметр: " + String.join(" ", unmatched.getUnmatched());
        }
        if (problem instanceof CommandLine.OverwrittenOptionException overwritten) {
            return "параметр указан дважды: " + names(List.of(overwritten.getOverwritten()));
        }
        if (problem.getArgSpec() != null && problem.getValue() != null) {
            return "неверное значение «" + problem.getValue() + "» у " + names(List.of(problem.getArgSpec()));
        }
        return "неверная командная строка ("
                + String.join(
                        " ",
                        problem.getCommandLine().getParseResult() == null
                                ? List.of()
                                : problem.getCommandLine().getParseResult().originalArgs())
                + ")";
    }

    private static String names(List<? extends ArgSpec> args) {
        return args.stream()
                .map(arg -> arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel())
                .collect(Collectors.joining(", "));
    }
}
