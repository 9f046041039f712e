package ru.noko.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import ru.noko.devstack.clickhouse.ClickHouseServer;
import ru.noko.devstack.kafka.KafkaBroker;
import ru.noko.devstack.postgres.PostgresServer;

/**
 * The services a test JVM shares: one ClickHouse server, one Kafka broker and one PostgreSQL server, started on first use on free ports,
 * with their data in a temporary folder, stopped when the JVM exits. Tests keep apart by database and topic names.
 */
public final class DevStack {

    private static ClickHouseServer clickHouse;
    private static KafkaBroker kafka;
    private static PostgresServer postgres;

    private DevStack() {}

    public static synchronized ClickHouseServer clickHouse() {
        if (clickHouse == null) {
            clickHouse = ClickHouseServer.onFreePorts(scratch("clickhouse")).start();
            Runtime.getRuntime().addShutdownHook(new Thread(clickHouse::stop, "stop-clickhouse"));
        }
        return clickHouse;
    }

    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            kafka = KafkaBroker.onFreePorts(scratch("kafka")).start();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "stop-kafka"));
        }
        return kafka;
    }

    /** The test JVM's PostgreSQL, with a database {@code noko} owned by the user {@code noko}. */
    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = PostgresServer.onFreePort(
                            scratch("postgres").resolve("server"), "noko", "noko", "noko-tests-password")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::stop, "stop-postgres"));
        }
        return postgres;
    }

    /** A fresh folder for one service's data, under the build's temporary folder. */
    public static Path scratch(String name) {
        try {
            return Files.createTempDirectory("noko-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder", e);
        }
    }
}
