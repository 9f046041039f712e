package ru.noko.gateway.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import ru.noko.gateway.system.ApiErrorWriter;
import ru.noko.gateway.system.ClientAddress;
import ru.noko.gateway.system.WindowCounter;

/**
 * Lets only the region operator through to the routes it filters: HTTP Basic, the password checked against its slow
 * hash (Spring Security's password encoders). A filter on the admin routes rather than Spring Security's web filter
 * chain, which would wrap every survey request as well.
 *
 * <p>Guessing is throttled: a client that gave {@value #FAILURES_PER_CLIENT} wrong logins in a quarter of an hour is
 * refused (429) without a hash being computed. Every login computes exactly one hash, against the operator's or a
 * stand-in of the same cost, so a wrong user name answers as slowly as a wrong password and tells nothing. Hashes are
 * computed one at a time on a thread of their own, never on the event loop, with a short queue: a flood of logins
 * takes at most one core and is refused past the queue, and the survey endpoint keeps the rest.
 */
@Component
class OperatorOnly implements HandlerFilterFunction<ServerResponse, ServerResponse> {

    static final int FAILURES_PER_CLIENT = 10;
    private static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);
    /** Logins waiting for the hashing thread; past it, 503 at once. */
    private static final int QUEUED_LOGINS = 8;

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final byte[] user;
    /** The operator's encoded password, or null when none is set: then nobody may log in. */
    private final String encodedPassword;
    /** What a login that cannot succeed is checked against, so it costs what a real check costs. */
    private final String standIn;

    private final WindowCounter failures = new WindowCounter(FAILURES_PER_CLIENT, FAILURE_WINDOW, 1_000_000);
    private final Scheduler hashing = Schedulers.newBoundedElastic(1, QUEUED_LOGINS, "operator-login", 60, true);
    private final ApiErrorWriter errors;

    OperatorOnly(AdminSettings settings, ApiErrorWriter errors) {
        this.errors = errors;
        this.user = settings.user().getBytes(StandardCharsets.UTF_8);
        this.encodedPassword = settings.password().isBlank()
                ? null
                : settings.password().startsWith("{") ? settings.password() : encoder.encode(settings.password());
        this.standIn = encoder.encode("no operator logs in with this " + System.nanoTime());
    }

    @Override
    public Mono<ServerResponse> filter(ServerRequest request, HandlerFunction<ServerResponse> next) {
        String client = ClientAddress.of(request);
        if (failures.left(client) == 0) {
            return tooMany();
        }
        String[] given = credentials(request);
        if (given == null) {
            return unauthorized();
        }
        return Mono.fromCallable(() -> matches(given[0], given[1]))
                .subscribeOn(hashing)
                .onErrorResume(RejectedExecutionException.class, busy -> Mono.empty())
                .flatMap(operator -> {
                    if (operator) {
                        return next.handle(request);
                    }
                    failures.tryCount(client);
                    return unauthorized();
                })
                .switchIfEmpty(Mono.defer(this::busy));
    }

    /** One hash, whichever part is wrong. */
    private boolean matches(String givenUser, String givenPassword) {
        boolean userMatches = MessageDigest.isEqual(user, givenUser.getBytes(StandardCharsets.UTF_8));
        boolean passwordMatches =
                encoder.matches(givenPassword, userMatches && encodedPassword != null ? encodedPassword : standIn);
        return userMatches && encodedPassword != null && passwordMatches;
    }

    /** The user and password of an HTTP Basic header, or null when there is none or it does not read. */
    private static String[] credentials(ServerRequest request) {
        String header = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6) || header.length() > 1024) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    /** 401 with the challenge a browser answers by asking for the user and password. */
    private Mono<ServerResponse> unauthorized() {
        return ServerResponse.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"noko\", charset=\"UTF-8\"")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(errors.problem(
                        HttpStatus.UNAUTHORIZED,
                        "unauthorized",
                        "Нужен вход",
                        "Эта страница — для оператора региона: войдите с его именем и паролем.",
                        List.of()));
    }

    private Mono<ServerResponse> tooMany() {
        return ServerResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(FAILURE_WINDOW.toSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(errors.problem(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "too-many-logins",
                        "Слишком много неудачных входов",
                        "С этого адреса слишком много раз введён неверный пароль. Повторите через "
                                + FAILURE_WINDOW.toMinutes() + " мин.",
                        List.of()));
    }

    private Mono<ServerResponse> busy() {
        return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(errors.problem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "login-busy",
                        "Вход временно недоступен",
                        "Сейчас проверяется слишком много входов. Повторите через 5 с.",
                        List.of()));
    }
}
