package ru.noko.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import ru.noko.devstack.clickhouse.ClickHouseServer;
import ru.noko.devstack.kafka.KafkaBroker;
import ru.noko.devstack.postgres.PostgresServer;

/**
 * The services a test JVM shares: one ClickHouse server, one Kafka broker and one PostgreSQL server, started on first use on free ports,
 * with their data in a temporary folder, stopped when the JVM exits. Tests keep apart by database and topic names.
 *
 * <p>Every scratch folder is deleted when the JVM exits, after the services are stopped: a test run's ClickHouse alone
 * leaves one to two gigabytes, and a developer's machine filled up with them. {@code -Dnoko.keepScratch=true} keeps
 * them for a look after a failure.
 */
public final class DevStack {

    private static ClickHouseServer clickHouse;
    private static KafkaBroker kafka;
    private static PostgresServer postgres;
    private static final List<Path> scratchFolders = new ArrayList<>();

    static {
        // One hook, so the services stop before their folders go (the JVM runs separate hooks in any order).
        Runtime.getRuntime().addShutdownHook(new Thread(DevStack::stopAndClean, "stop-devstack"));
    }

    private DevStack() {}

    public static synchronized ClickHouseServer clickHouse() {
        if (clickHouse == null) {
            clickHouse = ClickHouseServer.onFreePorts(scratch("clickhouse")).start();
        }
        return clickHouse;
    }

    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            kafka = KafkaBroker.onFreePorts(scratch("kafka")).start();
        }
        return kafka;
    }

    /** The test JVM's PostgreSQL, with a database {@code noko} owned by the user {@code noko}. */
    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = PostgresServer.onFreePort(
                            scratch("postgres").resolve("server"), "noko", "noko", "noko-tests-password")
                    .start();
        }
        return postgres;
    }

    /**
     * A fresh folder for one service's data, under the build's temporary folder, deleted when the JVM exits: whatever
     * runs in it must be stopped by then (services started by the test itself are stopped in its own clean-up).
     */
    public static synchronized Path scratch(String name) {
        try {
            Path folder = Files.createTempDirectory("noko-" + name + "-");
            scratchFolders.add(folder);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder", e);
        }
    }

    private static void stopAndClean() {
        List<Runnable> stops = new ArrayList<>();
        synchronized (DevStack.class) {
            if (postgres != null) {
                stops.add(postgres::stop);
            }
            if (kafka != null) {
                stops.add(kafka::stop);
            }
            if (clickHouse != null) {
                stops.add(clickHouse::stop);
            }
        }
        for (Runnable stop : stops) {
            try {
                stop.run();
            } catch (RuntimeException e) {
                System.err.println("could not stop a service: " + e);
            }
        }
        if (Boolean.getBoolean("noko.keepScratch")) {
            return;
        }
        List<Path> folders;
        synchronized (DevStack.class) {
            folders = List.copyOf(scratchFolders);
        }
        folders.forEach(DevStack::deleteQuietly);
    }

    /** Best effort: a file still written by a process that outlived its test stays, and the rest goes. */
    private static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // left for the system's temporary-file cleaning
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // the same
        }
    }
}
