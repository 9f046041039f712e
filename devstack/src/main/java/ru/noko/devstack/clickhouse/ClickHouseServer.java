package ru.noko.devstack.clickhouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import ru.noko.devstack.process.ChildProcess;

/**
 * A real ClickHouse server (the machine's {@code clickhouse-server}, Debian's 18.16 here) with its configuration and
 * data under {@code directory}, listening on loopback only. The binary can be pointed at with
 * {@value #BINARY_VARIABLE}. With a password, the {@code default} user needs it on both protocols: loopback is not
 * private from the web pages the machine's browser opens, which can post {@code CREATE TABLE} to the HTTP port.
 */
public final class ClickHouseServer implements AutoCloseable {

    public static final String BINARY_VARIABLE = "NOKO_CLICKHOUSE_SERVER";
    /** An account that can only read (readonly=1), with the default account's password. */
    public static final String READER = "reader";

    private static final List<String> KNOWN_BINARIES =
            List.of("/usr/sbin/clickhouse-server", "/usr/bin/clickhouse-server");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final int tcpPort;
    private final int httpPort;
    private final String password;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile ChildProcess process;

    public ClickHouseServer(Path directory, int tcpPort, int httpPort) {
        this(directory, tcpPort, httpPort, "");
    }

    /** @param password the {@code default} user's password; empty for none (a test's own server) */
    public ClickHouseServer(Path directory, int tcpPort, int httpPort, String password) {
        this.directory = directory.toAbsolutePath();
        this.tcpPort = tcpPort;
        this.httpPort = httpPort;
        this.password = password == null ? "" : password;
    }

    public static ClickHouseServer onFreePorts(Path directory) {
        return new ClickHouseServer(directory, ChildProcess.freePort(), ChildProcess.freePort());
    }

    public synchronized ClickHouseServer start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        Path config = writeConfig();
        process = ChildProcess.start(
                "clickhouse-server",
                List.of(binary(), "--config-file=" + config),
                directory.resolve("log").resolve("stdout.log"));
        process.awaitReady(START_TIMEOUT, this::answers);
        return this;
    }

    public synchronized void stop() {
        if (process != null) {
            process.stop();
        }
    }

    /** The server's process since the last start (it may have ended since), empty before the first start. */
    public Optional<ChildProcess> process() {
        return Optional.ofNullable(process);
    }

    /** The configuration file the server is started with; its command line names it, so a leftover server is found. */
    public Path configFile() {
        return directory.resolve("config.xml");
    }

    /** Native protocol port, for JDBC. */
    public int tcpPort() {
        return tcpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    @Override
    public void close() {
        stop();
    }

    private boolean answers() {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/ping"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String binary() {
        String configured = System.getenv(BINARY_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return KNOWN_BINARIES.stream()
                .filter(path -> Files.isExecutable(Path.of(path)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "clickhouse-server is not installed (looked in " + KNOWN_BINARIES + "); run ./noko setup"));
    }

    private Path writeConfig() {
        String config = """
                <?xml version="1.0"?>
                <yandex>
                    <logger>
                        <level>warning</level>
                        <log>%1$s/log/server.log</log>
                        <errorlog>%1$s/log/error.log</errorlog>
                        <size>50M</size>
                        <count>2</count>
                    </logger>
                    <listen_host>127.0.0.1</listen_host>
                    <tcp_port>%2$d</tcp_port>
                    <http_port>%3$d</http_port>
                    <max_connections>1024</max_connections>
                    <keep_alive_timeout>3</keep_alive_timeout>
                    <max_concurrent_queries>100</max_concurrent_queries>
                    <mark_cache_size>268435456</mark_cache_size>
                    <path>%1$s/data/</path>
                    <tmp_path>%1$s/tmp/</tmp_path>
                    <user_files_path>%1$s/user_files/</user_files_path>
                    <format_schema_path>%1$s/format_schemas/</format_schema_path>
                    <users_config>users.xml</users_config>
                    <default_profile>default</default_profile>
                    <default_database>default</default_database>
                    <timezone>UTC</timezone>
                </yandex>
                """.formatted(directory, tcpPort, httpPort);
        // Besides the default account, READER: the same password, and it can only read (readonly=1, as the server
        // deployment's exporter account), so that a test can show that a reader needs no more.
        String users = """
                <?xml version="1.0"?>
                <yandex>
                    <profiles>
                        <default><max_memory_usage>4000000000</max_memory_usage></default>
                        <reader><max_memory_usage>4000000000</max_memory_usage><readonly>1</readonly></reader>
                    </profiles>
                    <users>
                        <default>
                            %1$s
                            <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
                            <profile>default</profile>
                            <quota>default</quota>
                        </default>
                        <%2$s>
                            %1$s
                            <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
                            <profile>reader</profile>
                            <quota>default</quota>
                        </%2$s>
                    </users>
                    <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>
                        <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
                </yandex>
                """.formatted(
                        password.isEmpty()
                                ? "<password></password>"
                                : "<password_sha256_hex>" + sha256(password) + "</password_sha256_hex>",
                        READER);
        try {
            Files.createDirectories(directory.resolve("log"));
            Files.writeString(directory.resolve("users.xml"), users);
            // The password's hash only, and the folder is its owner's: nobody else reads the configuration.
            Files.setPosixFilePermissions(
                    directory, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            Path file = configFile();
            Files.writeString(file, config);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ClickHouse config in " + directory, e);
        }
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
