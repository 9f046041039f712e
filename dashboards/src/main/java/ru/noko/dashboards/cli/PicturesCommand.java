package ru.noko.dashboards.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ru.noko.dashboards.picture.Pictures;
import ru.noko.methodology.cli.CommandFailure;
import ru.noko.methodology.cli.Commands;

/**
 * {@code ./noko dashboards-pictures [--check] [project root]}: draws docs/dashboards/&lt;uid&gt;.svg from each
 * dashboards/json/*.json; with {@code --check}, writes nothing and exits 1 when a picture is missing or out of date (a
 * check's answer, as {@code git diff --exit-code} gives it; a failure to run is {@link Commands#FAILED}).
 */
@Command(
        name = "dashboards-pictures",
        mixinStandardHelpOptions = true,
        description = "Redraws the dashboards' layout pictures in docs/dashboards from dashboards/json.")
public final class PicturesCommand implements Callable<Integer> {

    /** What {@code --check} answers when a picture is missing or out of date. */
    static final int STALE = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--check", description = "write nothing; list what is missing or out of date, exit 1 if any")
    boolean check;

    @Parameters(arity = "0..1", paramLabel = "ROOT", description = "the project's root (default: .)")
    Path root = Path.of(".");

    public static void main(String[] args) {
        Commands.run(new PicturesCommand(), args);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Pictures pictures = new Pictures(root.toAbsolutePath().normalize());
        if (pictures.expected().isEmpty()) {
            throw new CommandFailure("no dashboards in " + root.resolve("dashboards/json"));
        }
        if (check) {
            List<String> differences = pictures.differences();
            differences.forEach(out::println);
            out.println(
                    differences.isEmpty()
                            ? "the pictures are up to date"
                            : "run ./noko dashboards-pictures to redraw them");
            out.flush();
            return differences.isEmpty() ? 0 : STALE;
        }
        List<String> changes = pictures.write();
        changes.forEach(out::println);
        out.println(
                changes.isEmpty()
                        ? "the pictures in " + Pictures.DIRECTORY + " were up to date"
                        : changes.size() + " change(s) in " + Pictures.DIRECTORY);
        out.flush();
        return 0;
    }
}
