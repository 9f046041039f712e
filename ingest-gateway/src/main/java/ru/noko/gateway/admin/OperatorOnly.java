package ru.noko.gateway.admin;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.authentication.ServerHttpBasicAuthenticationConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import ru.noko.gateway.system.ApiErrorWriter;

/**
 * Lets only the region operator through to the routes it filters: HTTP Basic, read and checked by Spring Security
 * (the password against its encoded form, off the event loop), role {@code REGION}. A filter on the admin routes
 * rather than Spring Security's web filter chain, which would wrap every survey request as well.
 */
@Component
class OperatorOnly implements HandlerFilterFunction<ServerResponse, ServerResponse> {

    static final String REGION = "ROLE_REGION";

    private final ServerHttpBasicAuthenticationConverter basic = new ServerHttpBasicAuthenticationConverter();
    private final ReactiveAuthenticationManager authentication;
    private final ApiErrorWriter errors;

    OperatorOnly(AdminSettings settings, ApiErrorWriter errors) {
        this.errors = errors;
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        // With no password set nobody may log in: the one user is disabled.
        User.UserBuilder operator = settings.password().isBlank()
                ? User.withUsername(settings.user()).password("{noop}").disabled(true)
                : User.withUsername(settings.user())
                        .password(
                                settings.password().startsWith("{")
                                        ? settings.password()
                                        : encoder.encode(settings.password()));
        UserDetailsRepositoryReactiveAuthenticationManager manager =
                new UserDetailsRepositoryReactiveAuthenticationManager(new MapReactiveUserDetailsService(
                        operator.roles("REGION").build()));
        manager.setPasswordEncoder(encoder);
        this.authentication = manager;
    }

    @Override
    public Mono<ServerResponse> filter(ServerRequest request, HandlerFunction<ServerResponse> next) {
        return basic.convert(request.exchange())
                .flatMap(authentication::authenticate)
                .map(user -> user.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .anyMatch(REGION::equals))
                .onErrorResume(AuthenticationException.class, wrong -> Mono.just(false))
                .defaultIfEmpty(false)
                .flatMap(operator -> operator ? next.handle(request) : unauthorized());
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
}
