package ru.noko.gateway.page;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The respondent's pages, beside the JSON API: the questionnaire, its form post, the e-mail confirmation steps and the
 * thank-you page.
 */
@Configuration(proxyBeanMethods = false)
class SurveyPageRoutes {

    static final String PAGE = "/s/{campaign}/{organization}";

    @Bean
    RouterFunction<ServerResponse> surveyPages(SurveyPageHandler handler, EmailStepHandler emailSteps) {
        return RouterFunctions.route(GET(PAGE), handler::page)
                .andRoute(POST(PAGE), handler::submit)
                .andRoute(POST(PAGE + "/email"), emailSteps::requestCode)
                .andRoute(POST(PAGE + "/email/confirm"), emailSteps::confirmCode)
                .andRoute(GET(PAGE + "/thanks/{receipt}"), handler::thanks)
                // A mistyped survey link is a person's page too, not the API's JSON problem.
                .andRoute(path("/s/**"), handler::noSuchPage);
    }
}
