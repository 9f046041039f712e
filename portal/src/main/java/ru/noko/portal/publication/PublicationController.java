package ru.noko.portal.publication;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.portal.audit.AuditLog;
import ru.noko.portal.campaign.CampaignCatalog;
import ru.noko.portal.plan.ImprovementPlans;
import ru.noko.portal.security.PortalUser;
import ru.noko.portal.selfassessment.Checklists;
import ru.noko.publication.ResultsPublisher;
import ru.noko.publication.site.Publication;

/**
 * The regional operator publishes a campaign's results at a cut-off, or withdraws them. Until then nothing of the
 * campaign is public: its files do not exist, so every address of it answers 404.
 */
@Controller
class PublicationController {

    private static final Logger LOG = LoggerFactory.getLogger(PublicationController.class);

    private final ResultsPublisher publisher;
    private final CampaignCatalog campaigns;
    private final ImprovementPlans plans;
    private final Checklists checklists;
    private final AuditLog audit;

    PublicationController(
            ResultsPublisher publisher,
            CampaignCatalog campaigns,
            ImprovementPlans plans,
            Checklists checklists,
            AuditLog audit) {
        this.publisher = publisher;
        this.campaigns = campaigns;
        this.plans = plans;
        this.checklists = checklists;
        this.audit = audit;
    }

    @GetMapping("/operator/publication")
    String list(Model model) throws Exception {
        Map<String, Publication> published = new LinkedHashMap<>();
        for (Publication publication : publisher.site().publications()) {
            published.put(publication.campaignId(), publication);
        }
        model.addAttribute("campaigns", campaigns.all());
        model.addAttribute("published", published);
        model.addAttribute("base", publisher.site().address().path());
        model.addAttribute("now", LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES));
        Map<String, BigDecimal> thresholds = new LinkedHashMap<>();
        campaigns.all().forEach(c -> thresholds.put(c.id(), plans.threshold(c.id())));
        model.addAttribute("thresholds", thresholds);
        return "operator/publication";
    }

    @PostMapping("/operator/publication/{campaign}")
    String publish(
            @PathVariable String campaign,
            @RequestParam(name = "cutOff", required = false, defaultValue = "") String cutOff,
            @RequestParam(name = "threshold", required = false, defaultValue = "") String threshold,
            @AuthenticationPrincipal PortalUser user,
            RedirectAttributes redirect,
            Model model,
            jakarta.servlet.http.HttpServletResponse response)
            throws Exception {
        Campaign known = campaigns.find(campaign).orElse(null);
        Instant now = Instant.now();
        Instant cut;
        try {
            cut = cutOff.isBlank() ? now : LocalDateTime.parse(cutOff).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return refused(
                    model, response, "Время отсечки «" + cutOff + "» не распознано: укажите дату и время (UTC).");
        }
        if (known == null) {
            return refused(model, response, "Неизвестная кампания «" + campaign + "».");
        }
        BigDecimal below;
        try {
            below = threshold.isBlank()
                    ? plans.threshold(campaign)
                    : new BigDecimal(threshold.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            return refused(model, response, "Порог «" + threshold + "» не число: укажите значение от 0 до 100.");
        }
        if (below.signum() < 0 || below.compareTo(BigDecimal.valueOf(100)) > 0 || below.scale() > 2) {
            return refused(model, response, "Порог " + threshold + " вне пределов: от 0 до 100, не более двух знаков.");
        }
        if (cut.isAfter(now)) {
            return refused(
                    model,
                    response,
                    "Время отсечки " + cut + " ещё не наступило: опубликовать можно только прошедшее.");
        }
        Publication publication;
        int proposed;
        try {
            ResultsPublisher.Published published = publisher.publishing(campaign, cut, user.getUsername(), now);
            publication = published.publication();
            proposed = plans.propose(
                    published.results(), below, checklists.of(known).orElse(null), user.getUsername());
        } catch (java.sql.SQLException | java.io.IOException e) {
            LOG.warn("publication of {} failed: {}", campaign, e.getMessage());
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            model.addAttribute(
                    "problem",
                    "Результаты не опубликованы: хранилище показателей или папка публикации "
                            + "недоступны. Повторите через минуту.");
            return list(model);
        }
        audit.record(AuditLog.Action.RESULTS_PUBLISHED, campaign, null, "отсечка " + publication.cutOff());
        redirect.addFlashAttribute(
                "notice",
                "Результаты кампании «" + campaign + "» опубликованы: учтены ответы до " + publication.cutOff()
                        + " (UTC), организаций " + publication.organizations() + "; новых планов по устранению"
                        + " недостатков: " + proposed + " (порог " + below.toPlainString() + ").");
        return "redirect:/operator/publication";
    }

    @PostMapping("/operator/publication/{campaign}/withdraw")
    String withdraw(
            @PathVariable String campaign,
            RedirectAttributes redirect,
            Model model,
            jakarta.servlet.http.HttpServletResponse response)
            throws Exception {
        if (campaigns.find(campaign).isEmpty()) {
            return refused(model, response, "Неизвестная кампания «" + campaign + "».");
        }
        if (publisher.withdraw(campaign)) {
            audit.record(AuditLog.Action.RESULTS_WITHDRAWN, campaign, null, null);
            redirect.addFlashAttribute(
                    "notice", "Публикация кампании «" + campaign + "» снята: её страницы больше не открываются.");
        }
        return "redirect:/operator/publication";
    }

    private String refused(Model model, jakarta.servlet.http.HttpServletResponse response, String problem)
            throws Exception {
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        model.addAttribute("problem", problem);
        return list(model);
    }
}
