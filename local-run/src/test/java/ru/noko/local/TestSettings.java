package ru.noko.local;

import java.nio.file.Path;

/** Settings of a local system a test starts: its own folder, database and key, every port free. */
final class TestSettings {

    private TestSettings() {}

    /**
     * @param name names the test's database ({@code noko_<name>}) and its pseudonym key
     * @param home the system's data folder
     * @param partitions partitions of the responses topic
     */
    static LocalSettings onFreePorts(String name, Path home, int partitions) {
        return LocalSettings.onFreePorts(
                home,
                Path.of(System.getProperty("noko.gatewayJar", "missing")),
                Path.of(System.getProperty("noko.portalJar", "missing")),
                "noko_" + name,
                partitions,
                name + "-key-0123456789-0123456789-0123456789");
    }
}
