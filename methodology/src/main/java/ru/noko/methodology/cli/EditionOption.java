package ru.noko.methodology.cli;

import java.util.Locale;
import picocli.CommandLine;
import ru.noko.methodology.model.NokoModel;

/** The НОКО edition as a person types it on a command line: {@code A} or {@code B}, in either case. */
public final class EditionOption implements CommandLine.ITypeConverter<NokoModel.Edition> {

    @Override
    public NokoModel.Edition convert(String value) {
        return NokoModel.Edition.valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
