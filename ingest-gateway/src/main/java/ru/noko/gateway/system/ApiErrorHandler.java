package ru.noko.gateway.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Whatever the routes do not answer themselves — an unknown address, an unexpected failure — in the API's one error
 * shape, never a stack trace. Ahead of Spring Boot's own handler, which would answer in another shape.
 */
@Component
@Order(-2)
class ApiErrorHandler implements WebExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrorHandler.class);

    private final ApiErrorWriter errors;
    private final ObjectMapper json;

    ApiErrorHandler(ApiErrorWriter errors, ObjectMapper json) {
        this.errors = errors;
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        ProblemDetail problem;
        if (error instanceof ResponseStatusException status
                && status.getStatusCode().value() == 404) {
            problem = errors.problem(
                    HttpStatus.NOT_FOUND, "not-found", "Адрес не найден", "Такого адреса нет.", List.of());
        } else if (error instanceof ResponseStatusException status
                && status.getStatusCode().value() == 405) {
            problem = errors.problem(
                    HttpStatus.METHOD_NOT_ALLOWED,
                    "method-not-allowed",
                    "Метод не поддерживается",
                    "Метод " + exchange.getRequest().getMethod().name() + " не поддерживается для этого адреса.",
                    List.of());
        } else if (error instanceof ResponseStatusException status
                && status.getStatusCode().is4xxClientError()) {
            problem = errors.problem(
                    HttpStatus.valueOf(status.getStatusCode().value()),
                    "bad-request",
                    "Запрос не принят",
                    "Запрос не может быть обработан.",
                    List.of());
        } else {
            LOG.error("Unexpected error", error);
            problem = errors.internalError().detail();
        }
        exchange.getResponse().setStatusCode(HttpStatus.valueOf(problem.getStatus()));
        exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        try {
            DataBuffer body = exchange.getResponse().bufferFactory().wrap(json.writeValueAsBytes(problem));
            return exchange.getResponse().writeWith(Mono.just(body));
        } catch (Exception e) {
            return Mono.error(e);
        }
    }
}
