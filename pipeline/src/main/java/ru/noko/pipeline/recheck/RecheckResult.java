package ru.noko.pipeline.recheck;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ru.noko.pipeline.antifraud.ScreenedResponse;
import ru.noko.pipeline.recheck.StoredCampaign.StoredVerdict;
import ru.noko.pipeline.results.VerdictCorrection;

/**
 * What a re-check of one campaign found.
 *
 * @param responses stored responses re-judged
 * @param unchanged re-judged exactly as stored
 * @param notYetJudged stored but without a verdict yet (the stream has not judged them; left to it)
 * @param sessions organized sessions the checks saw
 * @param changes verdicts that differ from the stored ones
 */
public record RecheckResult(
        String campaignId, int responses, int unchanged, int notYetJudged, int sessions, List<Change> changes) {

    /**
     * One verdict that differs.
     *
     * @param rechecked the response as judged in receipt order
     * @param before the verdict stored until now
     * @param late whether a check of the stream noted it as late (judged on arrival, out of receipt order)
     */
    public record Change(ScreenedResponse rechecked, StoredVerdict before, boolean late) {

        /** {@code accepted → rejected DUPLICATE_EMAIL}: the verdicts and the reasons of the new one. */
        public String transition() {
            String reasons = rechecked.isRejected() ? rechecked.rejections : rechecked.flags;
            String was = before.reasons().isEmpty() ? before.verdict() : before.verdict() + " " + before.reasons();
            return was + " → " + rechecked.verdict() + (reasons.isEmpty() ? "" : " " + reasons);
        }

        /** Whether the response's counting in the figures changes (rejected ones do not count). */
        public boolean countingChanges() {
            return before.verdict().equals("rejected") != rechecked.isRejected();
        }

        VerdictCorrection correction() {
            return new VerdictCorrection(
                    rechecked.campaignId,
                    rechecked.organizationId,
                    rechecked.responseId,
                    rechecked.respondentRole,
                    !rechecked.isRejected(),
                    rechecked.counts);
        }
    }

    public List<Change> countingChanges() {
        return changes.stream().filter(Change::countingChanges).toList();
    }

    /** How many verdicts changed in each way, sorted. */
    public Map<String, Long> byTransition() {
        Map<String, Long> tally = new TreeMap<>();
        changes.forEach(change -> tally.merge(change.transition(), 1L, Long::sum));
        return tally;
    }

    /** The report for whoever ran the re-check, in Russian. */
    public String report(boolean written) {
        StringBuilder text = new StringBuilder();
        text.append("Повторная проверка кампании ").append(campaignId).append(" в порядке получения ответов\n");
        text.append("  ответов проверено: ")
                .append(responses)
                .append(" (организованных сеансов: ")
                .append(sessions)
                .append(")\n");
        text.append("  решение не изменилось: ").append(unchanged).append('\n');
        text.append("  ещё без решения потока (не сравнивались): ")
                .append(notYetJudged)
                .append('\n');
        long late = changes.stream().filter(Change::late).count();
        text.append("  решение изменилось: ")
                .append(changes.size())
                .append(" (из них отмечены как опоздавшие: ")
                .append(late)
                .append("; меняют учёт в показателях: ")
                .append(countingChanges().size())
                .append(")\n");
        byTransition()
                .forEach((transition, count) -> text.append("    ")
                        .append(transition)
                        .append(": ")
                        .append(count)
                        .append('\n'));
        if (!changes.isEmpty()) {
            text.append(
                    written
                            ? "  исправленные решения записаны (response_verdicts, checked_by = 'recheck'),"
                                    + " поправки отправлены в расчёт показателей\n"
                            : "  пробный запуск: ничего не записано\n");
        }
        return text.toString();
    }
}
