package ru.noko.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import ru.noko.devstack.process.ChildProcess;

/** nginx (Debian's nginx-light) answering 202 to every request: what this machine can serve, as a reference. */
final class ReferenceNginx {

    private ReferenceNginx() {}

    static final int PORT = ChildProcess.freePort();
    static final String URL = "http://127.0.0.1:" + PORT;

    static ChildProcess start(Path folder) throws IOException {
        Files.createDirectories(folder.resolve("logs"));
        Path config = folder.resolve("nginx.conf");
        // Two workers for the two cores; the body is read and discarded, as the gateway reads it.
        Files.writeString(config, """
                worker_processes 2;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    client_body_buffer_size 64k;
                    keepalive_requests 1000000;
                    server {
                        listen 127.0.0.1:%2$d;
                        location / {
                            default_type application/json;
                            return 202 '{"responseId":"00000000-0000-7000-8000-000000000000"}';
                        }
                    }
                }
                """.formatted(folder, PORT));
        ChildProcess nginx = ChildProcess.start(
                "nginx",
                List.of("nginx", "-p", folder.toString(), "-c", config.toString(), "-g", "daemon off;"),
                folder.resolve("logs/stdout.log"));
        nginx.awaitReady(Duration.ofSeconds(10), () -> {
            try (var socket = new java.net.Socket("127.0.0.1", PORT)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return nginx;
    }
}
