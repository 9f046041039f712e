package ru.noko.portal.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An account whose password someone else gave (a first password, a reset) can do nothing but choose its own: every
 * other page sends it to the password form.
 */
@Component
public class PasswordChangeRequired extends OncePerRequestFilter {

    static final String FORM = "/account/password";
    private static final Set<String> ALLOWED = Set.of(FORM, "/logout", "/portal.css", "/error");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && authentication.getPrincipal() instanceof PortalUser user
                && user.mustChangePassword()
                && !ALLOWED.contains(request.getServletPath())) {
            response.sendRedirect(request.getContextPath() + FORM);
            return;
        }
        chain.doFilter(request, response);
    }
}
