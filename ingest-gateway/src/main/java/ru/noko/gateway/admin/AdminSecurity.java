package ru.noko.gateway.admin;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.HttpStatusServerEntryPoint;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Spring Security for {@code /admin/**} only: HTTP Basic, no session, the region operator's role for everything there.
 * The survey pages, the API and the actuator stay outside this chain, so the hot path pays nothing for it.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurity {

    static final String REGION = "REGION";

    @Bean
    SecurityWebFilterChain adminChain(ServerHttpSecurity http) {
        return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/admin/**"))
                .authorizeExchange(exchanges -> exchanges.anyExchange().hasRole(REGION))
                .httpBasic(basic ->
                        basic.authenticationEntryPoint(new HttpStatusServerEntryPoint(HttpStatus.UNAUTHORIZED) {
                            // Browsers ask for the password on a 401 only with the challenge.
                            @Override
                            public reactor.core.publisher.Mono<Void> commence(
                                    org.springframework.web.server.ServerWebExchange exchange,
                                    org.springframework.security.core.AuthenticationException e) {
                                exchange.getResponse()
                                        .getHeaders()
                                        .set("WWW-Authenticate", "Basic realm=\"noko\", charset=\"UTF-8\"");
                                return super.commence(exchange, e);
                            }
                        }))
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .build();
    }

    /** The operator from the environment; with no password set, nobody. */
    @Bean
    MapReactiveUserDetailsService adminUsers(AdminSettings settings) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        List<UserDetails> users = new ArrayList<>();
        if (!settings.password().isBlank()) {
            String password =
                    settings.password().startsWith("{") ? settings.password() : encoder.encode(settings.password());
            users.add(User.withUsername(settings.user())
                    .password(password)
                    .passwordEncoder(p -> p)
                    .roles(REGION)
                    .build());
        }
        // The map needs one user; a name nobody can log in as keeps it closed.
        return users.isEmpty()
                ? new MapReactiveUserDetailsService(User.withUsername("nobody")
                        .password("{noop}")
                        .disabled(true)
                        .build())
                : new MapReactiveUserDetailsService(users);
    }
}
