package ru.noko.portal.home;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import ru.noko.portal.security.PortalUser;

/** The way in: the login page, and after it each role's own start page. */
@Controller
class HomeController {

    @GetMapping("/login")
    String login(
            @RequestParam(required = false) String error,
            @RequestParam(required = false) String throttled,
            @RequestParam(required = false) String logout,
            Model model) {
        if (error != null) {
            model.addAttribute("problem", "Неверный логин или пароль, или учётная запись заблокирована.");
        }
        if (throttled != null) {
            model.addAttribute(
                    "problem",
                    "Слишком много неудачных попыток входа. Вход для этой учётной записи временно закрыт: попробуйте "
                            + "через 15 минут.");
        }
        if (logout != null) {
            model.addAttribute("notice", "Вы вышли из личного кабинета.");
        }
        return "login";
    }

    /** Each role's own home; a changed password's notice goes along. */
    @GetMapping("/")
    String home(
            @AuthenticationPrincipal PortalUser user,
            @org.springframework.web.bind.annotation.RequestParam(name = "password-changed", required = false)
                    String passwordChanged) {
        String notice = passwordChanged == null ? "" : "?password-changed";
        return switch (user.role()) {
            case REGION -> "redirect:/operator" + notice;
            case MUNICIPALITY -> "redirect:/municipality" + notice;
            case ORGANIZATION -> "redirect:/organization" + notice;
            case MINISTRY -> "redirect:/ministry" + notice;
        };
    }
}
