package ru.noko.gateway.system;

import org.springframework.http.ProblemDetail;

/**
 * One of the API's answers that refuse (see {@link ApiErrorWriter}), before it is written by whichever server route
 * answers: the problem, and for 429 and 503 the seconds after which to try again ({@code Retry-After}), else 0.
 */
public record ApiProblem(ProblemDetail detail, long retryAfterSeconds) {

    public ApiProblem(ProblemDetail detail) {
        this(detail, 0);
    }

    public int status() {
        return detail.getStatus();
    }
}
