package ru.noko.portal.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RegexRequestMatcher;
import ru.noko.portal.account.Role;
import ru.noko.portal.audit.AuditLog;

/**
 * Who may open what. Form login with a slow password hash (bcrypt), throttled ({@link ThrottledLogin}); a new
 * session id at login; sessions end after 30 minutes idle (application.properties); CSRF tokens on every form; a
 * password someone else gave must be changed first ({@link PasswordChangeRequired}). Each part of the portal is one
 * role's: a route not named here is denied to everyone, so a new page needs its rule (PortalAccessMatrixTest).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    AuthenticationManager authenticationManager(
            AccountDetailsService accounts, PasswordEncoder encoder, LoginThrottle throttle, AuditLog audit) {
        DaoAuthenticationProvider check = new DaoAuthenticationProvider(accounts);
        check.setPasswordEncoder(encoder);
        return new ProviderManager(new ThrottledLogin(check, throttle, audit));
    }

    @Bean
    SecurityFilterChain portal(
            HttpSecurity http,
            AuthenticationManager authenticationManager,
            PasswordChangeRequired passwordChange,
            AuditLog audit)
            throws Exception {
        http.authenticationManager(authenticationManager)
                .authorizeHttpRequests(routes -> routes.requestMatchers(
                                "/login", "/reset/**", "/portal.css", "/checklist.js", "/error", "/actuator/health")
                        .permitAll()
                        // The published results: public files, as nginx serves them on the server; never a hidden one
                        // (a campaign being written lies in a hidden folder until it is moved into place).
                        .requestMatchers(RegexRequestMatcher.regexMatcher("^/results/(.*/)?\\..*"))
                        .denyAll()
                        .requestMatchers("/results/**")
                        .permitAll()
                        .requestMatchers("/operator/**")
                        .hasRole(Role.REGION.name())
                        .requestMatchers("/municipality/**")
                        .hasRole(Role.MUNICIPALITY.name())
                        .requestMatchers("/organization/**")
                        .hasRole(Role.ORGANIZATION.name())
                        .requestMatchers("/ministry/**")
                        .hasRole(Role.MINISTRY.name())
                        .requestMatchers("/", "/account/**")
                        .authenticated()
                        .anyRequest()
                        .denyAll())
                .formLogin(login -> login.loginPage("/login")
                        .successHandler(loggedIn(audit))
                        .failureHandler(loginFailed()))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessHandler(loggedOut(audit)))
                .sessionManagement(sessions -> sessions.sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers.frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                        .contentSecurityPolicy(policy -> policy.policyDirectives("default-src 'none'; "
                                + "script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; "
                                + "form-action 'self'; "
                                + "frame-ancestors 'none'; base-uri 'none'"))
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .addFilterAfter(passwordChange, UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    private static AuthenticationSuccessHandler loggedIn(AuditLog audit) {
        return (request, response, authentication) -> {
            audit.record(AuditLog.Action.LOGIN, authentication.getName(), null, null);
            response.sendRedirect(request.getContextPath() + "/");
        };
    }

    /** Back to the login page with one message, whatever the reason: it tells a guesser nothing. */
    private static AuthenticationFailureHandler loginFailed() {
        return (request, response, exception) -> response.sendRedirect(request.getContextPath()
                + (exception instanceof ThrottledLogin.Throttled ? "/login?throttled" : "/login?error"));
    }

    private static LogoutSuccessHandler loggedOut(AuditLog audit) {
        return (request, response, authentication) -> {
            if (authentication != null && authentication.getPrincipal() instanceof PortalUser user) {
                audit.record(
                        user.getUsername(), user.role().name(), AuditLog.Action.LOGOUT, user.getUsername(), null, null);
            }
            response.sendRedirect(request.getContextPath() + "/login?logout");
        };
    }
}
