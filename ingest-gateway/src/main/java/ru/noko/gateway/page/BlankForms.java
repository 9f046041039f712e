package ru.noko.gateway.page;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.ISpringWebFluxTemplateEngine;
import ru.noko.methodology.campaign.Campaign;

/**
 * The blank questionnaire of each campaign and organization, rendered once and then filled in per view with what
 * changes: the view's idempotency key, its start time and its submission token. Rendering the whole questionnaire with the template engine
 * cost a page view twenty times a submission's CPU (BENCHMARKS.md); two string replacements cost next to nothing. A
 * form with the respondent's answers and problems is still rendered each time.
 */
@Component
class BlankForms {

    // Letters, digits and dashes only, so the template engine writes them unescaped and they match themselves.
    static final String KEY = "noko-blank-form-key-7d3b";
    static final String STARTED_AT = "noko-blank-form-started-at-7d3b";
    static final String TOKEN = "noko-blank-form-token-7d3b";
    /** A bound on memory: a region's organizations times its campaigns fits; past it the cache starts over. */
    private static final int MAX_FORMS = 50_000;

    private final ISpringWebFluxTemplateEngine templates;
    private final Map<List<String>, String> rendered = new ConcurrentHashMap<>();

    BlankForms(ISpringWebFluxTemplateEngine templates) {
        this.templates = templates;
    }

    String form(
            Campaign campaign,
            String organizationId,
            String organizationName,
            String key,
            String startedAt,
            String token) {
        List<String> id = List.of(campaign.id(), organizationId, organizationName);
        String html = rendered.get(id);
        if (html == null) {
            if (rendered.size() >= MAX_FORMS) {
                rendered.clear();
            }
            SurveyPage page = SurveyPage.of(
                    campaign, organizationId, organizationName, Map.of(), List.of(), KEY, STARTED_AT, TOKEN, null);
            html = templates.process("survey/form", new Context(null, Map.of("page", page)));
            rendered.put(id, html);
        }
        return html.replace(KEY, key).replace(STARTED_AT, startedAt).replace(TOKEN, token);
    }
}
