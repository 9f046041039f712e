package ru.noko.pipeline.antifraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import ru.noko.methodology.campaign.AntiFraudSettings;

/**
 * The session and resubmission rules of the organization check, on 200 generated campaigns (seeded: a failure names
 * its seed, and the same seed makes the same case). Each has a class or two answering from their addresses, sessions
 * registered before their window or while it runs, some cancelled, responses sent again after random delays, and
 * arrival disorder beyond the out-of-orderness bound. Live: everything in arrival order, the watermark trailing the
 * newest receipt by the bound. Batch (the re-check): the sessions not cancelled known first, each response once with
 * its first receipt, in any order.
 *
 * <ul>
 *   <li>Live, inside a session, no more responses are accepted than its places (the larger of its participants and
 *       the limit) or, when it was registered after it started, than were already accepted when it arrived.
 *   <li>Batch, inside a session, never more than its places; outside any, never more than the limit in a window.
 *   <li>Batch verdicts do not depend on the order the responses come in: the judgement is by (first receipt, id).
 *   <li>The live figures, once the re-check's corrections (live verdict against batch verdict, each sent twice) are
 *       applied, are the figures of the responses the batch judgement accepts, exactly.
 * </ul>
 */
class SessionRulesPropertyTest {

    private static final long MINUTE = 60_000;
    private static final long BOUND = 30_000;
    private static final long START = 1_790_000_000_000L;
    private static final int CASES = 200;

    /** One generated campaign: its rules, responses (resubmissions among them) and session events, with arrivals. */
    private record Case(long seed, AntiFraudSettings rules, List<Sent> responses, List<SessionEvent> sessions) {}

    /** A copy of a response and when it reaches the check. */
    private record Sent(String id, String ip, long receivedAt, long arrival, boolean resubmission) {}

    /** A session's registration or cancellation, and when it reaches the check. */
    private record SessionEvent(
            String id, String ip, long from, long to, int participants, boolean cancel, long arrival) {}

    @Test
    void liveVerdictsKeepTheCapsTheBatchJudgementIsTheSameInEveryOrderAndTheRecheckBringsTheFiguresToIt()
            throws Exception {
        List<String> broken = new ArrayList<>();
        for (long seed = 1; seed <= CASES; seed++) {
            Case generated = generate(seed);
            Map<String, String> live = new HashMap<>();
            broken.addAll(liveCaps(generated, live));
            Map<String, String> batch = batch(generated, new Random(seed * 31));
            broken.addAll(batchCaps(generated, batch));
            Map<String, String> again = batch(generated, new Random(seed * 97 + 1));
            if (!batch.equals(again)) {
                broken.add("seed " + seed + ": the batch judgement depends on the input order");
            }
            broken.addAll(LiveFiguresAfterRecheck.compare(seed, live, batch));
        }
        assertThat(broken).isEmpty();
    }

    private static Case generate(long seed) {
        Random random = new Random(seed);
        int limit = 2 + random.nextInt(3);
        AntiFraudSettings rules = new AntiFraudSettings(60, false, false, 60, limit, 1000, "reject", false);
        List<String> ips = List.of("ip-a", "ip-b");
        List<Sent> responses = new ArrayList<>();
        int count = 15 + random.nextInt(25);
        for (int i = 0; i < count; i++) {
            long received = START + random.nextInt(180) * MINUTE + random.nextInt(60_000);
            String ip = ips.get(random.nextInt(ips.size()));
            String id = "r" + seed + "-" + i;
            responses.add(new Sent(id, ip, received, arrival(received, random), false));
            if (random.nextInt(6) == 0) {
                long later = received + random.nextInt(120) * MINUTE + 1;
                responses.add(new Sent(id, ip, later, arrival(later, random), true));
            }
        }
        List<SessionEvent> sessions = new ArrayList<>();
        int sessionCount = random.nextInt(3);
        for (int s = 0; s < sessionCount; s++) {
            String ip = ips.get(s); // one session per address: its places are its own
            long from = START + random.nextInt(150) * MINUTE;
            long to = from + (20 + random.nextInt(160)) * MINUTE;
            int participants = 1 + random.nextInt(8);
            // Registered before the window, or while it runs (never after it ended: the portal refuses that).
            long registered = random.nextBoolean()
                    ? from - random.nextInt(60) * MINUTE - 1
                    : from + (long) (random.nextDouble() * (to - from));
            String id = "s" + seed + "-" + s;
            sessions.add(new SessionEvent(id, ip, from, to, participants, false, registered));
            if (random.nextInt(4) == 0) {
                sessions.add(new SessionEvent(
                        id, ip, from, to, participants, true, registered + 1 + random.nextInt(90) * MINUTE));
            }
        }
        return new Case(seed, rules, responses, sessions);
    }

    /** Mostly within the bound; one in five far beyond it (a phone that kept the form for a while). */
    private static long arrival(long received, Random random) {
        return received + (random.nextInt(5) == 0 ? BOUND * (2 + random.nextInt(100)) : random.nextInt((int) BOUND));
    }

    /** Runs the case live and checks the sessions' caps; the problems found; the verdicts go to {@code live}. */
    private static List<String> liveCaps(Case generated, Map<String, String> live) throws Exception {
        List<String> problems = new ArrayList<>();
        List<Object> events = new ArrayList<>();
        events.addAll(generated.responses());
        events.addAll(generated.sessions());
        events.sort(Comparator.comparingLong(SessionRulesPropertyTest::arrivalOf));
        Map<String, Integer> acceptedAtRegistration = new HashMap<>();
        try (KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse> harness =
                harness()) {
            long newest = Long.MIN_VALUE;
            for (Object event : events) {
                if (event instanceof SessionEvent session) {
                    if (!session.cancel()) {
                        acceptedAtRegistration.put(session.id(), acceptedIn(harness, generated, session));
                    }
                    harness.processBroadcastElement(organized(session), session.arrival());
                } else {
                    Sent sent = (Sent) event;
                    harness.processElement(response(sent, generated.rules()), sent.receivedAt());
                    newest = Math.max(newest, sent.receivedAt());
                    watermark(harness, newest - BOUND);
                }
            }
            watermark(harness, newest + 24 * 60 * MINUTE);
            Map<String, String> verdicts = verdicts(harness);
            live.putAll(verdicts);
            for (SessionEvent session : generated.sessions()) {
                boolean cancelled =
                        generated.sessions().stream().anyMatch(e -> e.id().equals(session.id()) && e.cancel());
                if (session.cancel() || cancelled) {
                    continue;
                }
                int accepted = countAccepted(verdicts, generated, session);
                int places = Math.max(session.participants(), generated.rules().ipLimitPerOrganization());
                int cap = Math.max(places, acceptedAtRegistration.get(session.id()));
                if (accepted > cap) {
                    problems.add("seed " + generated.seed() + ": live, session " + session.id() + " let " + accepted
                            + " through, more than " + cap);
                }
            }
        }
        return problems;
    }

    /** The batch judgement: sessions not cancelled first, each response once (its first receipt), in random order. */
    private static Map<String, String> batch(Case generated, Random order) throws Exception {
        List<Sent> first = new ArrayList<>(generated.responses().stream()
                .filter(sent -> !sent.resubmission())
                .toList());
        Collections.shuffle(first, order);
        try (KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse> harness =
                harness()) {
            for (SessionEvent session : generated.sessions()) {
                boolean cancelled =
                        generated.sessions().stream().anyMatch(e -> e.id().equals(session.id()) && e.cancel());
                if (!session.cancel() && !cancelled) {
                    harness.processBroadcastElement(organized(session), 0);
                }
            }
            for (Sent sent : first) {
                harness.processElement(response(sent, generated.rules()), sent.receivedAt());
            }
            watermark(harness, START + 24 * 60 * MINUTE * 2);
            return verdicts(harness);
        }
    }

    private static List<String> batchCaps(Case generated, Map<String, String> verdicts) {
        List<String> problems = new ArrayList<>();
        for (SessionEvent session : generated.sessions()) {
            boolean cancelled = generated.sessions().stream().anyMatch(e -> e.id().equals(session.id()) && e.cancel());
            if (session.cancel() || cancelled) {
                continue;
            }
            int accepted = countAccepted(verdicts, generated, session);
            int places = Math.max(session.participants(), generated.rules().ipLimitPerOrganization());
            if (accepted > places) {
                problems.add("seed " + generated.seed() + ": batch, session " + session.id() + " let " + accepted
                        + " through, more than its " + places + " places");
            }
        }
        return problems;
    }

    private static int acceptedIn(
            KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse> harness,
            Case generated,
            SessionEvent session) {
        return countAccepted(verdicts(harness), generated, session);
    }

    /** The responses from the session's address received in its window and accepted, each counted once. */
    private static int countAccepted(Map<String, String> verdicts, Case generated, SessionEvent session) {
        Map<String, Long> firstReceipt = new TreeMap<>();
        for (Sent sent : generated.responses()) {
            if (!sent.resubmission() && sent.ip().equals(session.ip())) {
                firstReceipt.put(sent.id(), sent.receivedAt());
            }
        }
        int accepted = 0;
        for (Map.Entry<String, Long> response : firstReceipt.entrySet()) {
            boolean inside = response.getValue() >= session.from() && response.getValue() < session.to();
            if (inside && "accepted".equals(verdicts.get(response.getKey()))) {
                accepted++;
            }
        }
        return accepted;
    }

    private static long arrivalOf(Object event) {
        return event instanceof SessionEvent session ? session.arrival() : ((Sent) event).arrival();
    }

    private static Map<String, String> verdicts(
            KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse> harness) {
        Map<String, String> verdicts = new HashMap<>();
        for (ScreenedResponse judged : harness.extractOutputValues()) {
            verdicts.putIfAbsent(judged.responseId, judged.verdict());
        }
        return verdicts;
    }

    private static KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse>
            harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new OrganizationScreening(), OrganizationScreening::key, Types.STRING, SessionPlaces.SESSIONS);
    }

    private static void watermark(
            KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse> harness,
            long time)
            throws Exception {
        harness.processBroadcastWatermark(time);
        harness.processWatermark(time);
    }

    private static OrganizedSession organized(SessionEvent event) {
        OrganizedSession session = new OrganizedSession();
        session.sessionId = event.id();
        session.campaignId = "c";
        session.organizationId = "org-1";
        session.ipHmac = event.ip();
        session.fromMillis = event.from();
        session.toMillis = event.to();
        session.participants = event.participants();
        session.cancelled = event.cancel();
        return session;
    }

    private static ScreenedResponse response(Sent sent, AntiFraudSettings rules) {
        ScreenedResponse response = new ScreenedResponse();
        response.responseId = sent.id();
        response.campaignId = "c";
        response.organizationId = "org-1";
        response.respondentRole = "parent";
        response.receivedAtMillis = sent.receivedAt();
        response.submittedAtMillis = sent.receivedAt();
        response.ipHmac = sent.ip();
        response.emailHmac = "";
        response.deviceToken = "";
        response.idempotencyKey = "key-" + sent.id();
        response.counts = new long[0];
        return response.withRules(rules);
    }
}
