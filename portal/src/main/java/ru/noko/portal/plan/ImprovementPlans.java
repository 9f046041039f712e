package ru.noko.portal.plan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import ru.noko.methodology.checklist.Checklist;
import ru.noko.methodology.checklist.ItemAnswer;
import ru.noko.portal.audit.AuditLog;
import ru.noko.portal.selfassessment.SelfAssessmentForms;
import ru.noko.publication.ResultsPublisher;
import ru.noko.publication.figures.PublicIndicator;
import ru.noko.publication.figures.PublicOrganization;
import ru.noko.publication.figures.PublicResults;
import ru.noko.publication.site.Numbers;

/**
 * Improvement plans from proposal to public progress. When a campaign is published, each organization gets a draft
 * whose rows are proposed from its weak results: every indicator below the operator's threshold, and every checklist
 * item its submitted self-assessment lacks. The organization edits, adds and submits; its municipality or the
 * operator approves it or returns it with a comment; an approved plan's progress is reported against its dates, and
 * the plan with its progress goes on the organization's public page (the campaign's pages are rendered again).
 */
@Service
public class ImprovementPlans {

    public static final BigDecimal DEFAULT_THRESHOLD = new BigDecimal("70.00");
    static final int LONGEST_TEXT = 2000;

    private static final Logger LOG = LoggerFactory.getLogger(ImprovementPlans.class);

    /** What keeps a plan from being saved or submitted, each problem naming its row and field. */
    public static class Refused extends RuntimeException {
        private final List<String> problems;

        Refused(List<String> problems) {
            super("the plan has problems", null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private final PlanStore store;
    private final SelfAssessmentForms selfAssessments;
    private final ResultsPublisher publisher;
    private final AuditLog audit;

    ImprovementPlans(PlanStore store, SelfAssessmentForms selfAssessments, ResultsPublisher publisher, AuditLog audit) {
        this.store = store;
        this.selfAssessments = selfAssessments;
        this.publisher = publisher;
        this.audit = audit;
    }

    public BigDecimal threshold(String campaignId) {
        return store.threshold(campaignId).orElse(DEFAULT_THRESHOLD);
    }

    /**
     * Drafts a plan for every organization of the published results that has none yet (a plan already made is
     * never touched). Returns how many were made.
     */
    @Transactional
    public int propose(PublicResults results, BigDecimal threshold, Checklist checklist, String by) {
        store.threshold(results.campaignId(), threshold, by);
        int made = 0;
        for (PublicOrganization organization : results.organizations()) {
            List<Measure> rows = new ArrayList<>();
            for (PublicIndicator indicator : organization.indicators()) {
                String criterion = criterionOf(indicator.id());
                if (criterion != null
                        && indicator.value() != null
                        && indicator.value().compareTo(threshold) < 0) {
                    rows.add(Measure.proposed(
                            criterion,
                            "Показатель " + indicator.id() + " «" + indicator.name() + "»: "
                                    + Numbers.format(indicator.value()) + " при пороге " + Numbers.format(threshold),
                            "indicator:" + indicator.id()));
                }
            }
            if (checklist != null) {
                rows.addAll(missingItems(results.campaignId(), organization.id(), checklist));
            }
            if (store.create(results.campaignId(), organization.id(), rows, by)) {
                made++;
            }
        }
        return made;
    }

    /** Saves an editable plan's rows as given: rows with nothing written are dropped. */
    @Transactional
    public void save(String campaignId, String organizationId, List<Measure> rows, String by) {
        List<Measure> kept = rows.stream().filter(ImprovementPlans::written).toList();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            Measure row = kept.get(i);
            String name = "Строка " + (i + 1) + " (" + row.criterion() + ")";
            if (!Plan.CRITERIA.contains(row.criterion())) {
                problems.add(name + ": раздел должен быть одним из К1–К5");
            }
            for (String text :
                    List.of(row.deficiency(), row.measure(), row.responsibleName(), row.responsiblePosition())) {
                if (text.length() > LONGEST_TEXT) {
                    problems.add(name + ": текст длиннее " + LONGEST_TEXT + " знаков");
                    break;
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
        if (!store.replace(campaignId, organizationId, kept, by)) {
            throw new Refused(List.of("План отправлен или утверждён: изменить его можно после возврата на доработку."));
        }
        audit.record(AuditLog.Action.PLAN_SAVED, organizationId, null, campaignId + ": строк " + kept.size());
    }

    /** Submits a plan for review; every row must be complete. */
    @Transactional
    public void submit(String campaignId, String organizationId, String by) {
        Plan plan = store.find(campaignId, organizationId).orElseThrow(() -> new Refused(List.of("Плана нет.")));
        List<String> problems = new ArrayList<>();
        if (plan.measures().isEmpty()) {
            problems.add("В плане нет ни одного мероприятия.");
        }
        int n = 0;
        for (Measure row : plan.measures()) {
            n++;
            String name = "Строка " + n + " (" + row.criterion() + ")";
            if (row.deficiency().isBlank()) {
                problems.add(name + ": не указан недостаток");
            }
            if (row.measure().isBlank()) {
                problems.add(name + ": не указано мероприятие");
            }
            if (row.plannedDate() == null) {
                problems.add(name + ": не указан плановый срок");
            }
            if (row.responsibleName().isBlank() || row.responsiblePosition().isBlank()) {
                problems.add(name + ": не указан ответственный (ФИО и должность)");
            }
        }
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
        if (!store.move(
                campaignId,
                organizationId,
                List.of(PlanState.DRAFT, PlanState.RETURNED),
                PlanState.SUBMITTED,
                null,
                false,
                by)) {
            throw new Refused(List.of("План уже отправлен или утверждён."));
        }
        audit.record(AuditLog.Action.PLAN_SUBMITTED, organizationId, null, campaignId);
    }

    /** Approves a submitted plan and puts it on the organization's public page. */
    public void approve(String campaignId, String organizationId, String by) {
        if (!store.move(campaignId, organizationId, List.of(PlanState.SUBMITTED), PlanState.APPROVED, "", true, by)) {
            throw new Refused(List.of("Утвердить можно только отправленный план."));
        }
        audit.record(AuditLog.Action.PLAN_APPROVED, organizationId, null, campaignId);
        republish(campaignId);
    }

    /** Returns a submitted plan to the organization with what to change. */
    public void returnPlan(String campaignId, String organizationId, String comment, String by) {
        if (comment == null || comment.isBlank() || comment.length() > LONGEST_TEXT) {
            throw new Refused(List.of(
                    "Напишите, что исправить: комментарий обязателен (не длиннее " + LONGEST_TEXT + " знаков)."));
        }
        if (!store.move(
                campaignId,
                organizationId,
                List.of(PlanState.SUBMITTED),
                PlanState.RETURNED,
                comment.strip(),
                true,
                by)) {
            throw new Refused(List.of("Вернуть можно только отправленный план."));
        }
        audit.record(AuditLog.Action.PLAN_RETURNED, organizationId, null, campaignId + ": " + comment.strip());
    }

    /** Records what was done, by measure id, in an approved plan, and updates its public page. */
    public void progress(String campaignId, String organizationId, Map<Long, Measure> progress, String by) {
        for (Measure m : progress.values()) {
            if (m.taken().length() > LONGEST_TEXT) {
                throw new Refused(List.of("Текст о выполнении длиннее " + LONGEST_TEXT + " знаков."));
            }
        }
        if (!store.progress(campaignId, organizationId, progress, by)) {
            throw new Refused(List.of("О выполнении отчитываются по утверждённому плану."));
        }
        audit.record(AuditLog.Action.PLAN_PROGRESS, organizationId, null, campaignId);
        republish(campaignId);
    }

    /** The criterion an indicator belongs to: 1.1 → K1; null for a criterion or the score itself. */
    static String criterionOf(String indicatorId) {
        if (indicatorId == null || !indicatorId.matches("[1-5]\\..*")) {
            return null;
        }
        return "K" + indicatorId.charAt(0);
    }

    /** The public pages show approved plans as they are now: rendered again at the published cut-off. */
    private void republish(String campaignId) {
        try {
            publisher.republish(campaignId);
        } catch (Exception e) {
            LOG.warn("the public pages of {} were not rendered again: {}", campaignId, e.getMessage());
        }
    }

    private List<Measure> missingItems(String campaignId, String organizationId, Checklist checklist) {
        List<Measure> rows = new ArrayList<>();
        var form = selfAssessments.find(campaignId, organizationId).orElse(null);
        if (form == null || form.state() != SelfAssessmentForms.State.SUBMITTED) {
            return rows;
        }
        for (Checklist.Section section : checklist.sections()) {
            String criterion = criterionOf(section.indicator());
            if (criterion == null) {
                continue;
            }
            for (Checklist.Item item : section.items()) {
                ItemAnswer answer = form.answers().get(item.id());
                if (answer != null && !answer.present() && !answer.notApplicable()) {
                    rows.add(Measure.proposed(
                            criterion,
                            "Нет в наличии (самообследование, показатель " + section.indicator() + "): " + item.text(),
                            "checklist:" + item.id()));
                }
            }
        }
        return rows;
    }

    private static boolean written(Measure row) {
        return !(row.deficiency().isBlank()
                && row.measure().isBlank()
                && row.responsibleName().isBlank()
                && row.responsiblePosition().isBlank()
                && row.plannedDate() == null);
    }

    /** Today where the campaign runs, for overdue measures. */
    public static LocalDate today(java.time.ZoneId zone) {
        return LocalDate.now(zone);
    }
}
