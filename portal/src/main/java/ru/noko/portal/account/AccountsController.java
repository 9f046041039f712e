package ru.noko.portal.account;

import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import ru.noko.portal.audit.AuditLog;
import ru.noko.portal.registry.ListPage;
import ru.noko.portal.registry.RegisteredOrganizations;
import ru.noko.portal.system.PortalSettings;

/**
 * The operator's accounts page: every account, a new account for a municipal analyst, the ministry or another
 * operator (organizations get theirs from the registry import), blocking and unblocking, and one-time reset links.
 */
@Controller
class AccountsController {

    /** Accounts per page: a region has one per organization, ten thousand and more. */
    static final int PAGE = 100;

    private static final java.util.regex.Pattern LOGIN = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");

    private final Accounts accounts;
    private final PasswordEncoder encoder;
    private final ResetLinks resets;
    private final AuditLog audit;
    private final RegisteredOrganizations organizations;
    private final PortalSettings settings;

    AccountsController(
            Accounts accounts,
            PasswordEncoder encoder,
            ResetLinks resets,
            AuditLog audit,
            RegisteredOrganizations organizations,
            PortalSettings settings) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.resets = resets;
        this.audit = audit;
        this.organizations = organizations;
        this.settings = settings;
    }

    @GetMapping("/operator/accounts")
    String list(
            @RequestParam(required = false, defaultValue = "") String search,
            @RequestParam(required = false, defaultValue = "0") int page,
            Model model) {
        ListPage shown = ListPage.of(page, accounts.count(search), PAGE);
        model.addAttribute("accounts", accounts.page(search, shown.offset(), PAGE));
        shown.show(model, search);
        model.addAttribute("municipalities", organizations.municipalities());
        return "operator/accounts";
    }

    @PostMapping("/operator/accounts")
    String create(
            @RequestParam String login,
            @RequestParam String role,
            @RequestParam(required = false) String municipality,
            @RequestParam(required = false, defaultValue = "") String fullName,
            Model model,
            RedirectAttributes redirect) {
        String normalized = login.strip().toLowerCase(java.util.Locale.ROOT);
        Optional<Role> chosen = java.util.Arrays.stream(Role.values())
                .filter(r -> r.name().equals(role) && r != Role.ORGANIZATION)
                .findFirst();
        String problem = null;
        if (!LOGIN.matcher(normalized).matches()) {
            problem = "Логин: от 3 до 64 строчных латинских букв, цифр, '.', '-' и '_'.";
        } else if (accounts.exists(normalized)) {
            problem = "Учётная запись «" + normalized + "» уже есть.";
        } else if (chosen.isEmpty()) {
            problem = "Выберите роль: оператор региона, аналитик муниципалитета или министерство. Учётные записи "
                    + "организаций создаются при загрузке реестра.";
        } else if (chosen.get() == Role.MUNICIPALITY
                && (municipality == null || !organizations.municipalities().contains(municipality))) {
            problem = "Выберите муниципалитет из реестра.";
        }
        if (problem != null) {
            model.addAttribute("problem", problem);
            return list("", 0, model);
        }
        String password = Passwords.first();
        accounts.add(
                normalized,
                encoder.encode(password),
                chosen.get(),
                null,
                chosen.get() == Role.MUNICIPALITY ? municipality : null,
                fullName.strip(),
                true);
        audit.record(
                AuditLog.Action.ACCOUNT_CREATED,
                normalized,
                null,
                chosen.get().name() + (chosen.get() == Role.MUNICIPALITY ? " " + municipality : ""));
        redirect.addFlashAttribute(
                "notice",
                "Учётная запись «" + normalized + "» создана. Первый пароль (показывается один раз, при первом входе "
                        + "его нужно сменить): " + password);
        return "redirect:/operator/accounts";
    }

    @PostMapping("/operator/accounts/{id}/block")
    String block(@PathVariable long id, @RequestParam boolean blocked, RedirectAttributes redirect) {
        Account account = accounts.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        accounts.setBlocked(id, blocked);
        audit.record(
                blocked ? AuditLog.Action.ACCOUNT_BLOCKED : AuditLog.Action.ACCOUNT_UNBLOCKED,
                account.login(),
                account.describe(),
                accounts.byId(id).orElseThrow().describe());
        redirect.addFlashAttribute(
                "notice",
                "Учётная запись «" + account.login() + "» " + (blocked ? "заблокирована." : "разблокирована."));
        return "redirect:/operator/accounts";
    }

    /** Shown on the page the post answers, not after a redirect: the link is shown once, to this answer only. */
    @PostMapping("/operator/accounts/{id}/reset")
    String reset(@PathVariable long id, Model model) {
        Account account = accounts.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String token = resets.issue(id);
        audit.record(AuditLog.Action.PASSWORD_RESET_ISSUED, account.login(), null, null);
        String base = settings.portal().orElse("");
        model.addAttribute(
                "notice",
                "Одноразовая ссылка для «" + account.login() + "» (действует 24 часа, показывается один раз): " + base
                        + "/reset/" + token);
        return list(account.login(), 0, model);
    }
}
