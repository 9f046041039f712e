package ru.noko.gateway.system;

import java.net.InetSocketAddress;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The respondent's address as the gateway sees it: the connection's peer, or, with {@code NOKO_FORWARD_HEADERS=native}
 * behind the proxy, the address the proxy put in {@code X-Forwarded-For} (Spring applies it to the request).
 */
public final class ClientAddress {

    private ClientAddress() {}

    /** The client's address as text, or empty when the request has none (a mock server's). */
    public static String of(ServerRequest request) {
        return request.remoteAddress().map(ClientAddress::host).orElse("");
    }

    /** An address as text; one Netty left unresolved has its host string. */
    public static String host(InetSocketAddress address) {
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }
}
