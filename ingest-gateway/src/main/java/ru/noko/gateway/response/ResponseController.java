package ru.noko.gateway.response;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import ru.noko.gateway.system.InvalidField;
import ru.noko.gateway.system.InvalidResponseException;
import ru.noko.gateway.system.LimitSettings;
import ru.noko.schemas.avro.SurveyResponse;

/** {@code POST /api/v1/responses}: 202 with the response id once Kafka has the response, never before. */
@RestController
class ResponseController {

    private final Validator validator;
    private final CampaignRules campaigns;
    private final SurveyResponseFactory factory;
    private final ResponsePublisher publisher;
    private final LimitSettings limits;
    private final Clock clock;

    ResponseController(Validator validator, CampaignRules campaigns, SurveyResponseFactory factory,
            ResponsePublisher publisher, LimitSettings limits, Clock clock) {
        this.validator = validator;
        this.campaigns = campaigns;
        this.factory = factory;
        this.publisher = publisher;
        this.limits = limits;
        this.clock = clock;
    }

    @PostMapping(path = "/api/v1/responses", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    CompletableFuture<ResponseEntity<ResponseReceipt>> submit(@RequestBody SubmittedResponse submitted,
            HttpServletRequest request) {
        Instant receivedAt = clock.instant();
        List<InvalidField> problems = problems(submitted, receivedAt);
        if (!problems.isEmpty()) {
            throw new InvalidResponseException(problems);
        }
        SurveyResponse response = factory.create(
                submitted, request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT), receivedAt);
        return publisher.publish(response)
                .thenApply(stored -> ResponseEntity.accepted().body(new ResponseReceipt(response.getResponseId())));
    }

    private List<InvalidField> problems(SubmittedResponse submitted, Instant receivedAt) {
        List<InvalidField> problems = new ArrayList<>();
        for (ConstraintViolation<SubmittedResponse> violation : validator.validate(submitted)) {
            problems.add(new InvalidField(violation.getPropertyPath().toString(), rule(violation), violation.getMessage()));
        }
        problems.addAll(AnswerRules.check(submitted.answers()));
        if (submitted.startedAt() != null && submitted.submittedAt() != null
                && submitted.startedAt().isAfter(submitted.submittedAt())) {
            problems.add(new InvalidField("startedAt", "order", "Время начала позже времени отправки"));
        }
        if (submitted.submittedAt() != null && submitted.submittedAt().isAfter(receivedAt.plus(limits.clockSkew()))) {
            problems.add(new InvalidField("submittedAt", "future", "Время отправки в будущем: проверьте часы устройства"));
        }
        // The questionnaire can only judge fields that have the right shapes.
        if (problems.stream().noneMatch(p -> p.field().equals("campaignId") || p.field().equals("respondentRole")
                || p.field().startsWith("answers"))) {
            problems.addAll(campaigns.check(submitted));
        }
        problems.sort(Comparator.comparing(InvalidField::field).thenComparing(InvalidField::rule));
        return problems;
    }

    /** The rule's name in the API: the constraint, in the words of the error list. */
    private static String rule(ConstraintViolation<?> violation) {
        String constraint = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return switch (constraint) {
            case "NotBlank", "NotNull", "NotEmpty" -> "required";
            case "Pattern" -> "format";
            case "Email" -> "email";
            case "Size" -> "size";
            default -> constraint;
        };
    }
}
