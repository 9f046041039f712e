package ru.noko.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.DevStack;
import ru.noko.schemas.clickhouse.ClickHouseMigrator;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/**
 * {@code ./noko export} as the ministry's exporter runs it, on the command's own class path, against a real
 * ClickHouse: what it prints is the export's, not its libraries' complaints about logging. (The export itself is
 * tested in the export module.)
 */
class ExportCommandLineTest {

    private static final Path ROOT =
            Path.of(System.getProperty("noko.projectRoot", "..")).toAbsolutePath();

    @Test
    void anExportFromClickHousePrintsNoLoggingWarnings() throws Exception {
        ClickHouseTarget clickHouse =
                ClickHouseTarget.local(DevStack.clickHouse().tcpPort(), "export_cli");
        new ClickHouseMigrator(clickHouse).migrate();
        Path out = DevStack.scratch("export-cli");

        Process export = new ProcessBuilder(List.of(
                        ROOT.resolve("noko").toString(),
                        "export",
                        "--campaign",
                        "demo-2026-noko",
                        "--clickhouse-port",
                        String.valueOf(clickHouse.port()),
                        "--clickhouse-database",
                        clickHouse.database(),
                        "--out",
                        out.toString()))
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .start();
        assertThat(export.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String printed = new String(export.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(printed).as(printed).doesNotContain("SLF4J", "StatusLogger");
        assertThat(printed)
                .as("the command talked to ClickHouse and said what it did")
                .isNotBlank();
    }
}
