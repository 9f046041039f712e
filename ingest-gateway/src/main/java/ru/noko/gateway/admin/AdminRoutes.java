package ru.noko.gateway.admin;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The region operator's downloads; {@link OperatorOnly} lets only the operator in. */
@Configuration(proxyBeanMethods = false)
class AdminRoutes {

    static final String CAMPAIGN = "/admin/campaigns/{campaign}";

    @Bean
    RouterFunction<ServerResponse> adminDownloads(PosterDownloads posters, OperatorOnly operatorOnly) {
        return RouterFunctions.route(GET(CAMPAIGN + "/posters.zip"), posters::zip)
                .andRoute(GET(CAMPAIGN + "/posters/{organization}.pdf"), posters::poster)
                .filter(operatorOnly);
    }
}
