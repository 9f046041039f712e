package ru.noko.portal.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import ru.noko.portal.audit.AuditLog;
import ru.noko.portal.security.PortalUser;

/** Changing one's own password: required at the first login, and whenever someone else gave the password. */
@Controller
class PasswordController {

    private final Accounts accounts;
    private final PasswordEncoder encoder;
    private final AuditLog audit;

    PasswordController(Accounts accounts, PasswordEncoder encoder, AuditLog audit) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.audit = audit;
    }

    @GetMapping("/account/password")
    String form(@AuthenticationPrincipal PortalUser user, Model model) {
        model.addAttribute("required", user.mustChangePassword());
        return "account/password";
    }

    @PostMapping("/account/password")
    String change(
            @AuthenticationPrincipal PortalUser user,
            @RequestParam String current,
            @RequestParam String password,
            @RequestParam String repeated,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        model.addAttribute("required", user.mustChangePassword());
        Account account = accounts.byId(user.id()).orElseThrow();
        if (!encoder.matches(current, account.passwordHash())) {
            model.addAttribute("problem", "Текущий пароль введён неверно.");
            return "account/password";
        }
        String problem = Passwords.problem(password, account.login());
        if (problem == null && !password.equals(repeated)) {
            problem = "Пароли не совпадают.";
        }
        if (problem == null && encoder.matches(password, account.passwordHash())) {
            problem = "Новый пароль должен отличаться от прежнего.";
        }
        if (problem != null) {
            model.addAttribute("problem", problem);
            return "account/password";
        }
        accounts.setPassword(account.id(), encoder.encode(password), false);
        audit.record(AuditLog.Action.PASSWORD_CHANGED, account.login(), null, null);
        // The session goes on with the account as it is now: no longer required to change the password.
        PortalUser updated = new PortalUser(accounts.byId(account.id()).orElseThrow());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(updated, null, updated.getAuthorities()));
        SecurityContextHolder.setContext(context);
        new HttpSessionSecurityContextRepository().saveContext(context, request, response);
        return "redirect:/?password-changed";
    }
}
