package ru.noko.gateway.page;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import ru.noko.gateway.crosssite.SameOrigin;
import ru.noko.gateway.crosssite.SubmissionTokens;
import ru.noko.gateway.system.SiteSettings;

/**
 * What ties a page's form to the browser it was given to: the device cookie, set on the first view, and a submission
 * token in every form, signed for the campaign, organization, device and view. A posted form is taken only with both,
 * and only if the browser does not say it comes from another site ({@link SameOrigin}); another site's form, posted
 * through its visitors' browsers, has neither the cookie (SameSite) nor a token for it.
 */
@Component
class PageGuard {

    /** The browser a page is drawn for: its device token, and whether the page must set it as a new cookie. */
    record Browser(String device, boolean fresh) {}

    /** How checking a posted form ended. */
    sealed interface Posted {
        /** From this site's page in this browser; {@code view} is the view the form was given in. */
        record Passed(String device, String view) implements Posted {}

        /** From this site's page in this browser, but given longer ago than forms are good for. */
        record Expired(String device) implements Posted {}

        /** Not taken: the page that says why. */
        record Refused(Mono<ServerResponse> page) implements Posted {}
    }

    static final String TOKEN_FIELD = "submissionToken";

    private final SubmissionTokens tokens;
    private final SameOrigin sameOrigin;
    private final SiteSettings site;

    PageGuard(SubmissionTokens tokens, SameOrigin sameOrigin, SiteSettings site) {
        this.tokens = tokens;
        this.sameOrigin = sameOrigin;
        this.site = site;
    }

    /** The browser asking for a page: its cookie's device, or a new one to set. */
    Browser browser(ServerRequest request) {
        return DeviceCookie.of(request)
                .map(device -> new Browser(device, false))
                .orElseGet(() -> new Browser(DeviceCookie.fresh(), true));
    }

    /** Sets the device cookie on a page for a browser that had none. */
    ServerResponse.BodyBuilder remember(ServerResponse.BodyBuilder page, Browser browser, ServerRequest request) {
        if (browser.fresh()) {
            page.cookie(cookie(browser.device(), request));
        }
        return page;
    }

    /** The token a form of this page carries, for this browser and view. */
    String token(Survey survey, String device, String view, Instant now) {
        return tokens.issue(survey.campaign().id(), survey.organization().id(), device, view, now);
    }

    /** Checks that a posted form comes from this site's page, given to this browser. */
    Posted check(Survey survey, Map<String, List<String>> form, Instant now) {
        ServerRequest request = survey.request();
        if (sameOrigin.foreign(request).isPresent()) {
            return new Posted.Refused(PageMessages.foreignSite(survey));
        }
        Optional<String> device = DeviceCookie.of(request);
        if (device.isEmpty()) {
            return new Posted.Refused(PageMessages.noCookie(survey));
        }
        SubmissionTokens.Check check = tokens.check(
                PostedForms.first(form, TOKEN_FIELD).orElse(null),
                survey.campaign().id(),
                survey.organization().id(),
                device.get(),
                now);
        if (check instanceof SubmissionTokens.Check.Valid valid) {
            return new Posted.Passed(device.get(), valid.view());
        }
        if (check instanceof SubmissionTokens.Check.Expired) {
            return new Posted.Expired(device.get());
        }
        return new Posted.Refused(PageMessages.notOurForm(survey));
    }

    private ResponseCookie cookie(String device, ServerRequest request) {
        return DeviceCookie.cookie(
                device, site.https() || "https".equals(request.uri().getScheme()));
    }
}
