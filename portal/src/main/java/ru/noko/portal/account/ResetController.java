package ru.noko.portal.account;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import ru.noko.portal.audit.AuditLog;

/** A one-time reset link, opened without signing in: it sets a new password once. */
@Controller
class ResetController {

    private final ResetLinks links;
    private final Accounts accounts;
    private final PasswordEncoder encoder;
    private final AuditLog audit;

    ResetController(ResetLinks links, Accounts accounts, PasswordEncoder encoder, AuditLog audit) {
        this.links = links;
        this.accounts = accounts;
        this.encoder = encoder;
        this.audit = audit;
    }

    @GetMapping("/reset/{token}")
    String form(@PathVariable String token, Model model) {
        Account account = account(token);
        model.addAttribute("login", account.login());
        model.addAttribute("token", token);
        return "account/reset";
    }

    @PostMapping("/reset/{token}")
    String reset(
            @PathVariable String token, @RequestParam String password, @RequestParam String repeated, Model model) {
        Account account = account(token);
        model.addAttribute("login", account.login());
        model.addAttribute("token", token);
        String problem = Passwords.problem(password, account.login());
        if (problem == null && !password.equals(repeated)) {
            problem = "Пароли не совпадают.";
        }
        if (problem != null) {
            model.addAttribute("problem", problem);
            return "account/reset";
        }
        if (!links.use(token)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        accounts.setPassword(account.id(), encoder.encode(password), false);
        audit.record(
                account.login(),
                account.role().name(),
                AuditLog.Action.PASSWORD_RESET_USED,
                account.login(),
                null,
                null);
        return "redirect:/login?reset";
    }

    private Account account(String token) {
        return links.account(token)
                .flatMap(accounts::byId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Ссылка недействительна"));
    }
}
