package ru.noko.local;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Supplier;
import ru.noko.devstack.process.ChildProcess;

/**
 * One question {@link WatchedService} asks a service to see that it works: a real request with a deadline, not only a
 * connection. A port alone says too little: a stopped process (SIGSTOP, or one hung in a way that leaves the kernel's
 * listen queue open) still has its connections accepted by the kernel, and then answers nothing.
 */
interface ServiceProbe {

    /** How long one question may take before it counts as unanswered. */
    Duration DEADLINE = Duration.ofSeconds(2);

    /** Asks once; true when the service answered within {@link #DEADLINE}. Never throws, never waits longer. */
    boolean answers();

    /** What is asked, for the console line: "on port 8080", "to GET /ping on port 8123". */
    String what();

    /** Only whether something takes connections on the loopback port: for a service with nothing better to ask. */
    static ServiceProbe port(int port) {
        return new ServiceProbe() {
            @Override
            public boolean answers() {
                return ChildProcess.listening(port, (int) DEADLINE.toMillis());
            }

            @Override
            public String what() {
                return "on port " + port;
            }
        };
    }

    /**
     * An HTTP GET on the loopback port, answered 200 within the deadline (the gateway's liveness, ClickHouse's
     * {@code /ping}, a static file of the portal).
     */
    static ServiceProbe http(int port, String path) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(DEADLINE).build();
        URI uri = URI.create("http://127.0.0.1:" + port + path);
        return new ServiceProbe() {
            @Override
            public boolean answers() {
                try {
                    HttpRequest request =
                            HttpRequest.newBuilder(uri).timeout(DEADLINE).build();
                    return client.send(request, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }

            @Override
            public String what() {
                return "to GET " + path + " on port " + port;
            }
        };
    }

    /** {@code SELECT 1} over a new JDBC connection, each step within the deadline. */
    static ServiceProbe postgres(int port, String jdbcUrl, Supplier<String> user, Supplier<String> password) {
        int seconds = (int) Math.max(1, DEADLINE.toSeconds());
        return new ServiceProbe() {
            @Override
            public boolean answers() {
                Properties properties = new Properties();
                properties.setProperty("user", user.get());
                properties.setProperty("password", password.get());
                properties.setProperty("connectTimeout", String.valueOf(seconds));
                properties.setProperty("socketTimeout", String.valueOf(seconds));
                properties.setProperty("loginTimeout", String.valueOf(seconds));
                properties.setProperty("ApplicationName", "noko-service-watch");
                try (Connection connection = DriverManager.getConnection(jdbcUrl, properties);
                        Statement statement = connection.createStatement()) {
                    statement.setQueryTimeout(seconds);
                    try (ResultSet result = statement.executeQuery("SELECT 1")) {
                        return result.next() && result.getInt(1) == 1;
                    }
                } catch (SQLException e) {
                    return false;
                }
            }

            @Override
            public String what() {
                return "to SELECT 1 on port " + port;
            }
        };
    }

    /**
     * Kafka's ApiVersions request (version 0, the one every broker answers), sent by hand: the broker's request
     * threads must read it and answer. A client library would keep threads and connections of its own for a question
     * asked once a second.
     */
    static ServiceProbe kafka(int port) {
        return new ServiceProbe() {
            private int correlation;

            @Override
            public boolean answers() {
                int id = ++correlation;
                byte[] client = "noko-service-watch".getBytes(StandardCharsets.UTF_8);
                try (Socket socket = new Socket()) {
                    socket.connect(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) DEADLINE.toMillis());
                    socket.setSoTimeout((int) DEADLINE.toMillis());
                    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                    // Size, then the request header v1: api key 18 (ApiVersions), version 0, correlation id, client id.
                    out.writeInt(2 + 2 + 4 + 2 + client.length);
                    out.writeShort(18);
                    out.writeShort(0);
                    out.writeInt(id);
                    out.writeShort(client.length);
                    out.write(client);
                    out.flush();
                    DataInputStream in = new DataInputStream(socket.getInputStream());
                    int size = in.readInt();
                    return size >= 6 && in.readInt() == id && in.readShort() == 0;
                } catch (IOException e) {
                    return false;
                }
            }

            @Override
            public String what() {
                return "to an ApiVersions request on port " + port;
            }
        };
    }
}
