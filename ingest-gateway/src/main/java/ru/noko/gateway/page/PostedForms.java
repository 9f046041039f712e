package ru.noko.gateway.page;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import ru.noko.gateway.system.LimitSettings;
import ru.noko.gateway.system.RequestBodies;

/** Reads a posted form, its type and size checked, and hands it on; a form that does not read gets its page. */
@Component
class PostedForms {

    private final long maxBody;

    PostedForms(LimitSettings limits) {
        this.maxBody = limits.maxBody().toBytes();
    }

    Mono<ServerResponse> read(Survey survey, Function<Map<String, List<String>>, Mono<ServerResponse>> then) {
        ServerRequest request = survey.request();
        MediaType type = request.headers().contentType().orElse(null);
        if (type == null || !MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)) {
            return PageMessages.unsupported(survey);
        }
        if (request.headers().contentLength().orElse(-1) > maxBody) {
            return PageMessages.tooLarge(survey, maxBody);
        }
        return RequestBodies.read(request, maxBody)
                .flatMap(body -> {
                    Map<String, List<String>> form;
                    try {
                        form = FormBody.parse(body);
                    } catch (IllegalArgumentException e) {
                        return PageMessages.malformed(survey);
                    }
                    return then.apply(form);
                })
                .onErrorResume(DataBufferLimitException.class, e -> PageMessages.tooLarge(survey, maxBody));
    }

    /** The first non-blank value of a field. */
    static Optional<String> first(Map<String, List<String>> form, String field) {
        return form.getOrDefault(field, List.of()).stream()
                .filter(value -> !value.isBlank())
                .findFirst();
    }
}
