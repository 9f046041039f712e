package ru.noko.portal.campaign;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.CampaignDefinition;
import ru.noko.methodology.campaign.CampaignWindow;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.methodology.data.DataFormatException;
import ru.noko.portal.audit.AuditLog;

/**
 * Saving a campaign: the form's own checks, then the rule that keeps collected figures what they were — once a
 * campaign has opened (its first window has begun, or it has no windows: it runs from the start), its questionnaire,
 * model and edition are fixed, and a change to them is refused with the advice to make a new campaign — then the
 * methodology's check of the whole set of campaigns, then PostgreSQL and the campaigns topic in one go.
 */
@Service
public class CampaignChanges {

    /** How saving ended: saved, or the problems by field. */
    public record Outcome(boolean saved, Map<String, String> problems) {}

    private final CampaignCatalog catalog;
    private final CampaignPublisher publisher;
    private final JdbcClient db;
    private final AuditLog audit;
    private final java.time.Clock clock;

    CampaignChanges(
            CampaignCatalog catalog,
            CampaignPublisher publisher,
            JdbcClient db,
            AuditLog audit,
            java.time.Clock clock) {
        this.catalog = catalog;
        this.publisher = publisher;
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** @param isNew whether the form makes a new campaign (its id must not be taken) */
    @Transactional
    public Outcome save(CampaignForm form, boolean isNew, String operator) {
        Map<String, String> problems = new LinkedHashMap<>(form.problems());
        Optional<Campaign> before = problems.containsKey("id")
                ? Optional.empty()
                : catalog.find(form.getId().strip());
        if (isNew && before.isPresent()) {
            problems.put("id", "Кампания «" + form.getId().strip() + "» уже есть: выберите другой идентификатор");
        }
        if (!problems.isEmpty()) {
            return refused(form, problems);
        }
        CampaignDefinition definition = form.definition();
        if (before.isPresent()
                && opened(before.get().definition())
                && changesFigures(before.get().definition(), definition)) {
            problems.put(
                    "method",
                    "Кампания уже открыта: менять анкету, модель и редакцию нельзя, иначе изменятся уже собранные "
                            + "показатели. Создайте новую кампанию и укажите эту как предыдущую.");
            return refused(form, problems);
        }
        try {
            catalog.with(definition);
        } catch (DataFormatException | IllegalArgumentException e) {
            problems.put("previous", "Кампания не прошла проверку методики: " + e.getMessage());
            return refused(form, problems);
        } catch (IOException e) {
            problems.put("method", "Методика не читается: " + e.getMessage());
            return refused(form, problems);
        }
        String text;
        try {
            text = Campaigns.text(definition);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        db.sql("INSERT INTO campaigns (id, definition, updated_by) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                        + "definition = excluded.definition, version = campaigns.version + 1, updated_by = excluded.updated_by, "
                        + "updated_at = now()")
                .params(definition.id(), text, operator)
                .update();
        publisher.publish(definition.id(), text);
        audit.record(
                AuditLog.Action.CAMPAIGN_SAVED,
                definition.id(),
                before.map(campaign -> describe(campaign.definition())).orElse(null),
                text);
        catalog.reload();
        return new Outcome(true, Map.of());
    }

    private Outcome refused(CampaignForm form, Map<String, String> problems) {
        audit.record(AuditLog.Action.CAMPAIGN_REFUSED, form.getId(), null, String.join("; ", problems.values()));
        return new Outcome(false, problems);
    }

    /** Whether responses may have come already: the first window has begun, or there is none (open from the start). */
    private boolean opened(CampaignDefinition definition) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(definition.timeZone())));
        return definition.windows().isEmpty()
                || definition.windows().stream().map(CampaignWindow::from).anyMatch(from -> !from.isAfter(today));
    }

    private static boolean changesFigures(CampaignDefinition before, CampaignDefinition after) {
        return !before.instrument().equals(after.instrument())
                || !before.model().equals(after.model())
                || !Objects.equals(before.edition(), after.edition());
    }

    private static String describe(CampaignDefinition definition) {
        try {
            return Campaigns.text(definition);
        } catch (IOException e) {
            return definition.id();
        }
    }
}
