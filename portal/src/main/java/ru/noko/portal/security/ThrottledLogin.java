package ru.noko.portal.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import ru.noko.portal.audit.AuditLog;

/**
 * The login check: refused at once while {@link LoginThrottle} says so, otherwise Spring Security's DAO check (one
 * slow hash, also for a login that does not exist, so answers take as long either way); each failure counted and
 * written to the audit log.
 */
final class ThrottledLogin implements AuthenticationProvider {

    /** Too many failures lately: nothing was checked. */
    static final class Throttled extends AuthenticationException {
        Throttled() {
            super("too many failed logins");
        }
    }

    private final DaoAuthenticationProvider check;
    private final LoginThrottle throttle;
    private final AuditLog audit;

    ThrottledLogin(DaoAuthenticationProvider check, LoginThrottle throttle, AuditLog audit) {
        this.check = check;
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String login = attempt.getName();
        String address = address(attempt);
        if (throttle.refuses(login, address)) {
            audit.record(login, "ANONYMOUS", AuditLog.Action.LOGIN_THROTTLED, login, null, null);
            throw new Throttled();
        }
        try {
            Authentication signedIn = check.authenticate(attempt);
            throttle.succeeded(login);
            return signedIn;
        } catch (AuthenticationException e) {
            throttle.failed(login, address);
            audit.record(
                    login,
                    "ANONYMOUS",
                    AuditLog.Action.LOGIN_FAILED,
                    login,
                    null,
                    e.getClass().getSimpleName());
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String address(Authentication attempt) {
        return attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : "";
    }
}
