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
 * cost a page view twenty times a submission's CPU (BENCHMARKS.md); filling in three values costs next to nothing. A
 * form with the respondent's answers and problems is still rendered each time. The blank is kept cut at its
 * placeholders, so a view is one copy of the page, not one per value.
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
    private final Map<List<String>, Blank> rendered = new ConcurrentHashMap<>();

    /**
     * A blank form cut at its three placeholders, so that a view is written in one pass: the parts between them and
     * which value goes after each.
     */
    private record Blank(String[] parts, String[] placeholders, int length) {

        static Blank of(String html) {
            List<String> parts = new java.util.ArrayList<>();
            List<String> placeholders = new java.util.ArrayList<>();
            int from = 0;
            while (true) {
                int next = -1;
                String found = null;
                for (String placeholder : List.of(KEY, STARTED_AT, TOKEN)) {
                    int at = html.indexOf(placeholder, from);
                    if (at >= 0 && (next < 0 || at < next)) {
                        next = at;
                        found = placeholder;
                    }
                }
                if (found == null) {
                    parts.add(html.substring(from));
                    return new Blank(parts.toArray(String[]::new), placeholders.toArray(String[]::new), html.length());
                }
                parts.add(html.substring(from, next));
                placeholders.add(found);
                from = next + found.length();
            }
        }

        String fill(String key, String startedAt, String token) {
            StringBuilder view = new StringBuilder(length + 256);
            for (int i = 0; i < placeholders.length; i++) {
                view.append(parts[i]);
                String placeholder = placeholders[i];
                view.append(placeholder.equals(KEY) ? key : placeholder.equals(STARTED_AT) ? startedAt : token);
            }
            return view.append(parts[parts.length - 1]).toString();
        }
    }

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
        Blank blank = rendered.get(id);
        if (blank == null) {
            if (rendered.size() >= MAX_FORMS) {
                rendered.clear();
            }
            SurveyPage page = SurveyPage.of(
                    campaign, organizationId, organizationName, Map.of(), List.of(), KEY, STARTED_AT, TOKEN, null);
            blank = Blank.of(templates.process("survey/form", new Context(null, Map.of("page", page))));
            rendered.put(id, blank);
        }
        return blank.fill(key, startedAt, token);
    }
}
