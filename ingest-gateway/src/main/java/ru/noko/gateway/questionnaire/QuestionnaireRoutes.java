package ru.noko.gateway.questionnaire;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The API's questionnaire: what a client other than the survey page draws, with the token its response carries. */
@Configuration(proxyBeanMethods = false)
class QuestionnaireRoutes {

    static final String PATH = "/api/v1/surveys/{campaign}/{organization}";

    @Bean
    RouterFunction<ServerResponse> questionnaires(QuestionnaireHandler handler) {
        return RouterFunctions.route(GET(PATH), handler::questionnaire);
    }
}
