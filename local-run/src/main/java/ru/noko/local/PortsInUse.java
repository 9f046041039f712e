package ru.noko.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ports the run listens on must be free before it starts: a server of another program on one of them would
 * answer in place of ours (a started ClickHouse is "ready" as soon as anything answers its ping), and ours would fail
 * to listen, silently or with a stack trace.
 */
final class PortsInUse {

    private PortsInUse() {}

    /** @throws RunFailure naming every port that is taken and the variable that moves it */
    static void refuse(LocalSettings settings) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("the gateway, NOKO_GATEWAY_PORT", settings.gatewayPort());
        ports.put("the portal, NOKO_PORTAL_PORT", settings.portalPort());
        ports.put("PostgreSQL, NOKO_POSTGRES_PORT", settings.postgresPort());
        ports.put("Kafka, NOKO_KAFKA_PORT", settings.kafkaPort());
        ports.put("Kafka's controller, NOKO_KAFKA_CONTROLLER_PORT", settings.kafkaControllerPort());
        ports.put("ClickHouse's native protocol, NOKO_CLICKHOUSE_PORT", settings.clickHouseTcpPort());
        ports.put("ClickHouse's HTTP, NOKO_CLICKHOUSE_HTTP_PORT", settings.clickHouseHttpPort());
        ports.put("Flink's web UI, NOKO_FLINK_PORT", settings.flinkPort());
        List<String> taken = new ArrayList<>();
        ports.forEach((what, port) -> {
            if (!free(port)) {
                taken.add(port + " (" + what + ")");
            }
        });
        if (!taken.isEmpty()) {
            throw new RunFailure("cannot start: another program listens on port" + (taken.size() > 1 ? "s " : " ")
                    + String.join(", ", taken) + "; stop it, or choose another port with the variable named");
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
