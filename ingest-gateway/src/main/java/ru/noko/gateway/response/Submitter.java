package ru.noko.gateway.response;

import java.util.concurrent.Executor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.netty.Connection;
import ru.noko.gateway.system.ClientAddress;

/**
 * What the gateway saw of the client that sent a submission, whichever route it came by: its address (after the
 * proxy's {@code X-Forwarded-For} where the gateway is told to trust it), its user agent, and the event loop that
 * serves its connection, which writes the answer once Kafka has the response.
 *
 * @param userAgent null when the client sent none
 */
public record Submitter(String address, String userAgent, Executor eventLoop) {

    /** The client of a request served by the functional routes (the survey page's form). */
    public static Submitter of(ServerRequest request) {
        Object connection =
                ServerHttpRequestDecorator.getNativeRequest(request.exchange().getRequest());
        return new Submitter(
                ClientAddress.of(request),
                request.headers().firstHeader(HttpHeaders.USER_AGENT),
                // A direct call where there is no connection (a mock server).
                connection instanceof Connection netty ? netty.channel().eventLoop() : Runnable::run);
    }
}
