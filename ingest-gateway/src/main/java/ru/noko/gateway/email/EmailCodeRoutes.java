package ru.noko.gateway.email;

import static org.springframework.web.reactive.function.server.RequestPredicates.POST;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The API's e-mail confirmation: ask for a code, exchange it for a proof. */
@Configuration(proxyBeanMethods = false)
class EmailCodeRoutes {

    static final String PATH = "/api/v1/email-codes";

    @Bean
    RouterFunction<ServerResponse> emailCodes(EmailCodeHandler handler) {
        return RouterFunctions.route(POST(PATH), handler::send).andRoute(POST(PATH + "/confirm"), handler::confirm);
    }
}
