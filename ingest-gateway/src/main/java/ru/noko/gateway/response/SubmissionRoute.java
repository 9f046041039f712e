package ru.noko.gateway.response;

import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Serves {@code POST /api/v1/responses} from Reactor Netty's own routes, ahead of the Spring application's handler,
 * which serves everything else (other methods on the same path get their 405 from {@link ResponseRoutes}). The survey
 * endpoint is the one route under burst load; WebFlux's dispatch, filter chain and response writing cost a submission
 * as much CPU as its own checks (measured in BENCHMARKS.md).
 */
@Component
class SubmissionRoute implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {

    private final SubmissionHandler handler;
    private final ServerProperties server;

    SubmissionRoute(SubmissionHandler handler, ServerProperties server) {
        this.handler = handler;
        this.server = server;
    }

    @Override
    public void customize(NettyReactiveWebServerFactory factory) {
        // "framework" applies X-Forwarded-For in WebFlux, which this route does not pass through: the respondents'
        // addresses would all be the proxy's. "native" applies it in Reactor Netty, for every route.
        if (server.getForwardHeadersStrategy() == ServerProperties.ForwardHeadersStrategy.FRAMEWORK) {
            throw new IllegalStateException("NOKO_FORWARD_HEADERS=framework is not supported by the survey endpoint:"
                    + " behind a proxy set NOKO_FORWARD_HEADERS=native");
        }
        factory.addRouteProviders(routes -> routes.post(ResponseRoutes.PATH, handler::submit));
    }
}
