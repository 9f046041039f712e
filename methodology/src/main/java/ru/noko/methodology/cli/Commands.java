package ru.noko.methodology.cli;

import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;
import ru.noko.methodology.data.DataFormatException;

/**
 * How every {@code ./noko} command runs: usage mistakes told in Russian ({@link RussianUsageErrors}), and one way out
 * when the work fails — the problems, one per line, then {@code <command>: <why>} on standard error and exit code
 * {@link #FAILED}, whatever the command and whatever went wrong. A command throws {@link CommandFailure} for what it
 * recognizes; anything else is said by its message.
 */
public final class Commands {

    /** The exit code of a command that could not do its work, and of a command line that does not parse. */
    public static final int FAILED = 2;

    private Commands() {}

    /** The command as a person runs it. */
    public static CommandLine commandLine(Object command) {
        return new CommandLine(command)
                .setParameterExceptionHandler(new RussianUsageErrors())
                .setExecutionExceptionHandler(Commands::failed);
    }

    /** Runs the command with the program's arguments and ends the JVM with its exit code. */
    public static void run(Object command, String[] args) {
        System.exit(commandLine(command).execute(args));
    }

    private static int failed(Exception problem, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        if (problem instanceof CommandFailure failure) {
            failure.details().forEach(err::println);
        } else if (problem instanceof DataFormatException format) {
            format.problems().forEach(line -> err.println("  " + line));
        }
        err.println(command.getCommandName() + ": " + why(problem));
        err.flush();
        return FAILED;
    }

    private static String why(Exception problem) {
        if (problem instanceof NoSuchFileException missing) {
            return "нет файла " + missing.getFile();
        }
        return problem.getMessage() != null ? problem.getMessage() : problem.toString();
    }
}
