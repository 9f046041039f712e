package ru.noko.gateway.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * The one error shape of the API: an RFC 9457 problem ({@code application/problem+json}) with a Russian title and
 * detail, and an {@code errors} list naming each field and the rule it breaks.
 */
@Component
public class ApiErrorWriter {

    static final String ERRORS = "errors";

    private final ObjectMapper json;

    ApiErrorWriter(ObjectMapper json) {
        this.json = json;
    }

    public ProblemDetail problem(HttpStatus status, String type, String title, String detail, List<InvalidField> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:noko:problem:" + type));
        problem.setTitle(title);
        problem.setProperty(ERRORS, errors);
        return problem;
    }

    /** For filters, which answer before Spring MVC's exception handling is reached. */
    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
