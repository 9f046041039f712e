package ru.noko.local;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What respondents saw during one fault, and what was stored: the figures RELIABILITY.md reports for each fault.
 *
 * @param fault what was done
 * @param acceptedBefore responses answered 202 a second before the fault (the load)
 * @param acceptedDuring responses answered 202 a second from the fault until it was over
 * @param refused forms a respondent gave up on: an answer other than 202, 503 or none (expected 0)
 * @param lost responses answered 202 and not in ClickHouse (expected 0)
 * @param duplicated rows in ClickHouse beyond one per response answered 202 (expected 0)
 * @param unlikeUndisturbed verdicts that differ from the batch judgement in receipt order (an undisturbed run's)
 * @param unlikeAndLate of those, responses a check noted as late (the re-check's to correct; the others expected 0)
 * @param longestWithoutAcceptance the longest time no response was answered 202: how long respondents waited
 * @param p99During the 99th percentile of the time an answer took, for sends started during the fault
 * @param recovered from the fault until the part was back (re-elected, restarted, running again)
 */
record FaultFigures(
        String fault,
        double acceptedBefore,
        double acceptedDuring,
        long refused,
        long lost,
        long duplicated,
        long unlikeUndisturbed,
        long unlikeAndLate,
        Duration longestWithoutAcceptance,
        Duration p99During,
        Duration recovered) {

    static FaultFigures of(
            String fault,
            List<RespondentLoad.Attempt> attempts,
            Instant loadStarted,
            Instant faultAt,
            Instant overAt,
            Duration recovered,
            long refused,
            Set<String> accepted,
            List<String> stored,
            long unlikeUndisturbed,
            long unlikeAndLate) {
        List<RespondentLoad.Attempt> ok = attempts.stream()
                .filter(attempt -> attempt.outcome().equals("202"))
                .sorted(Comparator.comparing(RespondentLoad.Attempt::answered))
                .toList();
        double before = rate(ok, loadStarted, faultAt);
        double during = rate(ok, faultAt, overAt);
        Duration longest = Duration.ZERO;
        Instant previous = faultAt;
        for (RespondentLoad.Attempt attempt : ok) {
            if (attempt.answered().isBefore(faultAt) || attempt.answered().isAfter(overAt)) {
                continue;
            }
            Duration gap = Duration.between(previous, attempt.answered());
            longest = gap.compareTo(longest) > 0 ? gap : longest;
            previous = attempt.answered();
        }
        List<Duration> took = attempts.stream()
                .filter(attempt -> !attempt.started().isBefore(faultAt)
                        && attempt.started().isBefore(overAt))
                .map(RespondentLoad.Attempt::took)
                .sorted()
                .toList();
        Duration p99 = took.isEmpty() ? Duration.ZERO : took.get((int) Math.ceil(took.size() * 0.99) - 1);
        Set<String> storedOnce = new TreeSet<>(stored);
        long lost = accepted.stream().filter(id -> !storedOnce.contains(id)).count();
        long duplicated = stored.size() - accepted.size() + lost;
        return new FaultFigures(
                fault,
                before,
                during,
                refused,
                lost,
                duplicated,
                unlikeUndisturbed,
                unlikeAndLate,
                longest,
                p99,
                recovered);
    }

    private static double rate(List<RespondentLoad.Attempt> ok, Instant from, Instant to) {
        long count = ok.stream()
                .filter(attempt ->
                        !attempt.answered().isBefore(from) && attempt.answered().isBefore(to))
                .count();
        double seconds = Math.max(0.001, Duration.between(from, to).toMillis() / 1000.0);
        return count / seconds;
    }

    /** One line of RELIABILITY.md's table. */
    String row() {
        return "| %s | %.0f/s → %.0f/s | %d | %d | %d | %s | %.1f s | %.1f s | %d ms |"
                .formatted(
                        fault,
                        acceptedBefore,
                        acceptedDuring,
                        refused,
                        lost,
                        duplicated,
                        unlikeUndisturbed + (unlikeAndLate == 0 ? "" : " (" + unlikeAndLate + " late)"),
                        recovered.toMillis() / 1000.0,
                        longestWithoutAcceptance.toMillis() / 1000.0,
                        p99During.toMillis());
    }
}
