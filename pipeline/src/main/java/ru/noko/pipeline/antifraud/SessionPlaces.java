package ru.noko.pipeline.antifraud;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Organized sessions, broadcast to both IP checks, and the places used in them (keyed state of
 * {@link OrganizationScreening}). A session of N participants covers the responses of its campaign and organization from its address received
 * in {@code [from, to)}; of those, at most the larger of N and the normal per-organization limit are counted, in
 * receipt order. Responses rejected for another reason (a repeated e-mail, say) use no place. A session registered
 * after it started counts the responses from its address already let through inside it as places taken, so the class
 * and those before it together stay within the places ({@link OrganizationScreening#sessionRegistered}).
 */
final class SessionPlaces {

    /**
     * The longest a session may last (the portal registers none longer). A session registered after it started finds
     * the responses already counted inside it this far back: the organization check keeps its addresses' times so long.
     */
    public static final Duration LONGEST = Duration.ofHours(12);

    static final MapStateDescriptor<String, OrganizedSession> SESSIONS =
            new MapStateDescriptor<>("organized-sessions", Types.STRING, TypeInformation.of(OrganizedSession.class));

    private SessionPlaces() {}

    /** Places used per session id; a session lasts hours, so a day without use forgets it. */
    static MapStateDescriptor<String, Integer> usedDescriptor() {
        MapStateDescriptor<String, Integer> used = new MapStateDescriptor<>("session-use", Types.STRING, Types.INT);
        used.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofDays(1)).build());
        return used;
    }

    /**
     * The registered sessions covering the response, in session-id order so every subtask picks the same. Both IP
     * checks ask for every response, and almost none is in a session: nothing is allocated when none covers it.
     */
    static List<OrganizedSession> covering(
            ScreenedResponse response, ReadOnlyBroadcastState<String, OrganizedSession> sessions) throws Exception {
        List<OrganizedSession> covering = null;
        for (Map.Entry<String, OrganizedSession> entry : sessions.immutableEntries()) {
            if (entry.getValue().covers(response)) {
                if (covering == null) {
                    covering = new ArrayList<>();
                }
                covering.add(entry.getValue());
            }
        }
        if (covering == null) {
            return List.of();
        }
        covering.sort(Comparator.comparing(session -> session.sessionId));
        return covering;
    }

    /**
     * Takes a place for the response in the first covering session with one left, where a session has the larger of
     * its participants and {@code limit} places; returns false when every covering session is full.
     */
    static boolean take(List<OrganizedSession> covering, int limit, MapState<String, Integer> used) throws Exception {
        for (OrganizedSession session : covering) {
            Integer taken = used.get(session.sessionId);
            int places = taken == null ? 0 : taken;
            if (places < Math.max(session.participants, limit)) {
                used.put(session.sessionId, places + 1);
                return true;
            }
        }
        return false;
    }
}
