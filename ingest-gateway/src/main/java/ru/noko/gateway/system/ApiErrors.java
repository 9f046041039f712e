package ru.noko.gateway.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every error the API answers, in one JSON shape ({@link ApiErrorWriter}); never a stack trace. */
@RestControllerAdvice
class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
    private static final String INVALID_TITLE = "Ответ не принят: ошибки в данных";

    private final ApiErrorWriter errors;
    private final KafkaSettings kafka;
    private final LimitSettings limits;

    ApiErrors(ApiErrorWriter errors, KafkaSettings kafka, LimitSettings limits) {
        this.errors = errors;
        this.kafka = kafka;
        this.limits = limits;
    }

    @ExceptionHandler(InvalidResponseException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidResponseException e) {
        String fields = e.problems().stream().map(InvalidField::field).distinct().collect(Collectors.joining(", "));
        return answer(errors.problem(HttpStatus.BAD_REQUEST, "invalid-response", INVALID_TITLE,
                "Исправьте поля: " + fields, e.problems()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        if (hasCause(e, PayloadTooLargeException.class)) {
            return answer(BodySizeLimitFilter.tooLarge(limits.maxBody().toBytes(), errors));
        }
        InvalidField problem = describe(e.getCause());
        return answer(errors.problem(HttpStatus.BAD_REQUEST, "invalid-response", INVALID_TITLE, problem.message(),
                List.of(problem)));
    }

    @ExceptionHandler(BrokerUnavailableException.class)
    ResponseEntity<ProblemDetail> brokerUnavailable(BrokerUnavailableException e) {
        // Not stored: the respondent's page keeps the answers and sends them again after Retry-After.
        LOG.warn("Response not stored, answering 503: {}", e.getMessage());
        ProblemDetail problem = errors.problem(HttpStatus.SERVICE_UNAVAILABLE, "temporarily-unavailable",
                "Сервис временно недоступен", "Ответ не сохранён. Повторите отправку через "
                        + kafka.retryAfter().toSeconds() + " с.", List.of());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, kafka.retryAfter().toSeconds())))
                .body(problem);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return answer(errors.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Неподдерживаемый формат", "Отправьте ответ в формате JSON (Content-Type: application/json).",
                List.of(new InvalidField("Content-Type", "media-type", "Ожидается application/json"))));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return answer(errors.problem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Неподдерживаемый формат ответа",
                "Сервис отвечает только в формате JSON.",
                List.of(new InvalidField("Accept", "media-type", "Ожидается application/json"))));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return answer(errors.problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Метод не поддерживается",
                "Метод " + e.getMethod() + " не поддерживается для этого адреса.", List.of()));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NoResourceFoundException e) {
        return answer(errors.problem(HttpStatus.NOT_FOUND, "not-found", "Адрес не найден",
                "Такого адреса нет.", List.of()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        LOG.error("Unexpected error", e);
        return answer(errors.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Внутренняя ошибка",
                "Ответ не сохранён. Повторите отправку позже.", List.of()));
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /** Names the field Jackson could not bind, and why, from the exception's path. */
    private static InvalidField describe(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return new InvalidField(path(unknown), "unknown-field", "Неизвестное поле «" + unknown.getPropertyName() + "»");
        }
        if (cause instanceof InvalidFormatException format && format.getTargetType() == Instant.class) {
            return new InvalidField(path(format), "format",
                    "Ожидается дата и время в формате ISO-8601, например 2026-02-01T10:15:30Z");
        }
        if (cause instanceof MismatchedInputException mismatch && mismatch.getPath().isEmpty()
                && mismatch.getTargetType() != null && mismatch.getTargetType().isRecord()) {
            return new InvalidField("body", "type", "Тело запроса должно быть JSON-объектом");
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return new InvalidField(path(mismatch), "type", "Неверный тип значения: ожидается " + expected(mismatch));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return new InvalidField(path(mapping), "type", "Неверное значение поля");
        }
        if (cause instanceof JsonProcessingException) {
            return new InvalidField("body", "json", "Тело запроса не является корректным JSON");
        }
        return new InvalidField("body", "required", "Тело запроса пустое или не читается как JSON-объект");
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "body" : path.toString();
    }

    private static String expected(MismatchedInputException e) {
        Class<?> type = e.getTargetType();
        if (type == null) {
            return "другой тип";
        }
        if (type == String.class) {
            return "строка";
        }
        if (type == Instant.class) {
            return "дата и время ISO-8601 в виде строки";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "JSON-объект";
        }
        return type.getSimpleName();
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
