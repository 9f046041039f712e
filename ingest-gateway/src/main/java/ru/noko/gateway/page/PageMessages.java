package ru.noko.gateway.page;

import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import ru.noko.gateway.registry.RegisteredOrganizations.Organization;
import ru.noko.gateway.registry.WindowDays;
import ru.noko.methodology.campaign.WindowState;

/** The pages that say, in a sentence or two, why there is no questionnaire or why a form was not taken. */
final class PageMessages {

    private PageMessages() {}

    static Mono<ServerResponse> message(HttpStatus status, String title, String text, String link, String linkText) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("text", text);
        model.put("link", link);
        model.put("linkText", linkText);
        return ServerResponse.status(status).contentType(MediaType.TEXT_HTML).render("survey/message", model);
    }

    /** 403: the campaign takes no responses for this organization's type today; says when it does or did. */
    static Mono<ServerResponse> closed(WindowState window, Organization organization) {
        String days = WindowDays.of(window);
        return window.phase() == WindowState.Phase.NOT_YET_OPEN
                ? message(
                        HttpStatus.FORBIDDEN,
                        "Опрос ещё не начался",
                        "Для организации «" + organization.name() + "» опрос проходит " + days
                                + ". Откройте эту ссылку в эти дни.",
                        null,
                        null)
                : message(
                        HttpStatus.FORBIDDEN,
                        "Опрос завершён",
                        "Для организации «" + organization.name() + "» опрос проходил " + days
                                + " и уже закончился. Ответы больше не принимаются.",
                        null,
                        null);
    }

    static Mono<ServerResponse> malformed(Survey survey) {
        return message(
                HttpStatus.BAD_REQUEST,
                "Анкета не распознана",
                "Форма пришла повреждённой или устарела. Ответы не сохранены: откройте анкету заново.",
                survey.address(),
                "Открыть анкету");
    }

    static Mono<ServerResponse> tooLarge(Survey survey, long maxBody) {
        return message(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "Слишком длинные ответы",
                "Анкета больше допустимых " + maxBody / 1024 + " КБ. Ответы не сохранены: сократите текстовые ответы и "
                        + "отправьте анкету заново.",
                survey.address(),
                "Открыть анкету");
    }

    static Mono<ServerResponse> unsupported(Survey survey) {
        return message(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Анкета не распознана",
                "Отправьте анкету с её страницы.",
                survey.address(),
                "Открыть анкету");
    }

    /** 403: a browser says the form was posted from another web site's page. */
    static Mono<ServerResponse> foreignSite(Survey survey) {
        return message(
                HttpStatus.FORBIDDEN,
                "Анкета отправлена с другого сайта",
                "Эта форма пришла со страницы другого сайта, а ответы принимаются только со страницы анкеты. Ответы "
                        + "не сохранены. Откройте анкету по ссылке, которую Вам дала организация.",
                survey.address(),
                "Открыть анкету");
    }

    /** 403: no device cookie came with the form, so nothing shows the page was given to this browser. */
    static Mono<ServerResponse> noCookie(Survey survey) {
        return message(
                HttpStatus.FORBIDDEN,
                "Браузер не узнан",
                "Браузер не передал отметку этого сайта (cookie), без которой ответ не принимается. Ответы не "
                        + "сохранены. Разрешите cookie для этого сайта и откройте анкету заново.",
                survey.address(),
                "Открыть анкету");
    }

    /** 403: the form's token was not given by this gateway to this browser for this page. */
    static Mono<ServerResponse> notOurForm(Survey survey) {
        return message(
                HttpStatus.FORBIDDEN,
                "Анкета отправлена не со страницы опроса",
                "Эта форма не была выдана этому браузеру на странице опроса. Ответы не сохранены. Откройте анкету по "
                        + "ссылке, которую Вам дала организация, и ответьте на ней.",
                survey.address(),
                "Открыть анкету");
    }
}
