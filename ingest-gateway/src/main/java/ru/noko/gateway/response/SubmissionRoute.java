package ru.noko.gateway.response;

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

    SubmissionRoute(SubmissionHandler handler) {
        this.handler = handler;
    }

    @Override
    public void customize(NettyReactiveWebServerFactory factory) {
        factory.addRouteProviders(routes -> routes.post(ResponseRoutes.PATH, handler::submit));
    }
}
