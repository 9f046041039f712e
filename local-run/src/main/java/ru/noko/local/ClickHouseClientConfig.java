package ru.noko.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/**
 * A clickhouse-client configuration file for the local ClickHouse: {@code clickhouse-client --config-file
 * .noko/clickhouse-client.xml} reaches it with its port, database, user and password, so the password never goes on a
 * command line (where {@code ps} shows it to everyone). Readable by its owner only.
 */
final class ClickHouseClientConfig {

    private ClickHouseClientConfig() {}

    static void write(Path file, ClickHouseTarget target) {
        String config = """
                <?xml version="1.0"?>
                <!-- Written by ./noko run at every start, for clickhouse-client's config-file option (%s) -->
                <config>
                    <host>%s</host>
                    <port>%d</port>
                    <database>%s</database>
                    <user>%s</user>
                    <password>%s</password>
                </config>
                """.formatted(
                file, target.host(), target.port(), target.database(), target.user(), escaped(target.password()));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, config);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
