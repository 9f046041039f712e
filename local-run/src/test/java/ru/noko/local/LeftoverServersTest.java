package ru.noko.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.DevStack;
import ru.noko.devstack.clickhouse.ClickHouseServer;
import ru.noko.devstack.kafka.KafkaBroker;

/**
 * What the run finds before it starts: a ClickHouse server an earlier run left on its data folder is stopped and said
 * so, never reused; a port another program holds refuses the start in one line.
 */
class LeftoverServersTest {

    private final List<String> console = new CopyOnWriteArrayList<>();

    @Test
    void aClickHouseServerLeftOnTheDataFolderIsStoppedAndSaidSo() {
        LocalSettings settings = settings(DevStack.scratch("leftover"));
        ClickHouseServer earlier = new ClickHouseServer(
                        settings.home().resolve("clickhouse"),
                        settings.clickHouseTcpPort(),
                        settings.clickHouseHttpPort())
                .start();
        ProcessHandle leftover = earlier.process().orElseThrow().handle();
        ClickHouseServer elsewhere =
                ClickHouseServer.onFreePorts(DevStack.scratch("leftover-other")).start();
        try {
            LeftoverServers.stop(kinds(settings), console::add);

            assertThat(console)
                    .containsExactly("noko: stopped the ClickHouse server that an earlier run left running on "
                            + settings.home().resolve("clickhouse") + " (pid " + leftover.pid() + ")");
            assertThat(leftover.isAlive()).isFalse();
            assertThat(elsewhere.process().orElseThrow().isAlive())
                    .as("another folder's server is not ours")
                    .isTrue();
        } finally {
            elsewhere.stop();
            earlier.stop();
        }
    }

    @Test
    void aPortTakenByAnotherProgramRefusesTheStartInOneLine() throws Exception {
        LocalSettings settings = settings(DevStack.scratch("taken-port"));
        try (ServerSocket other =
                new ServerSocket(settings.clickHouseTcpPort(), 50, InetAddress.getLoopbackAddress())) {
            LocalSystem system = new LocalSystem(settings, console::add);

            assertThatThrownBy(system::start)
                    .isInstanceOf(RunFailure.class)
                    .hasMessage("cannot start: another program"
                            + " listens on port " + settings.clickHouseTcpPort() + " (ClickHouse's native protocol,"
                            + " NOKO_CLICKHOUSE_PORT); stop it, or choose another port with the variable named");
            system.close();
        }
        assertThat(settings.home().resolve("clickhouse"))
                .as("nothing was started")
                .doesNotExist();
    }

    private static List<LeftoverServers.Kind> kinds(LocalSettings settings) {
        return LeftoverServers.of(
                settings,
                new ClickHouseServer(settings.home().resolve("clickhouse"), 0, 0).configFile(),
                new KafkaBroker(settings.home().resolve("kafka"), 0, 0).configFile(),
                settings.home().resolve("postgres").resolve("data"));
    }

    private static LocalSettings settings(Path home) {
        return TestSettings.onFreePorts("leftover", home, 1);
    }
}
