package ru.noko.gateway.response;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import ru.noko.gateway.system.ApiErrorWriter;

/**
 * The survey endpoint's other methods: 405 in the API's shape. {@code POST} itself never reaches WebFlux: Reactor
 * Netty serves it ({@link SubmissionRoute}).
 */
@Configuration(proxyBeanMethods = false)
class ResponseRoutes {

    static final String PATH = "/api/v1/responses";

    @Bean
    RouterFunction<ServerResponse> surveyEndpoint(ApiErrorWriter errors) {
        return RouterFunctions.route(
                path(PATH),
                request -> errors.answer(errors.problem(
                        HttpStatus.METHOD_NOT_ALLOWED,
                        "method-not-allowed",
                        "Метод не поддерживается",
                        "Метод " + request.method().name() + " не поддерживается для этого адреса.",
                        List.of())));
    }
}
