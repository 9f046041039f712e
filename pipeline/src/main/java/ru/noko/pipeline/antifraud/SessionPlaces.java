package ru.noko.pipeline.antifraud;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Organized sessions, broadcast to both IP checks, and the places each check has used in them (keyed state of the
 * check): a session lifts an IP limit for up to its declared number of responses.
 */
final class SessionPlaces {

    static final MapStateDescriptor<String, OrganizedSession> SESSIONS =
            new MapStateDescriptor<>("organized-sessions", Types.STRING, TypeInformation.of(OrganizedSession.class));

    private SessionPlaces() {}

    /** Places used per session id; a session lasts hours, so a day without use forgets it. */
    static MapStateDescriptor<String, Integer> usedDescriptor() {
        MapStateDescriptor<String, Integer> used = new MapStateDescriptor<>("session-use", Types.STRING, Types.INT);
        used.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofDays(1)).build());
        return used;
    }

    /** Takes a place in a session of the response's organization covering its address and time, if one is left. */
    static boolean take(ScreenedResponse response, ReadOnlyBroadcastState<String, OrganizedSession> sessions,
            MapState<String, Integer> used) throws Exception {
        for (Map.Entry<String, OrganizedSession> entry : sessions.immutableEntries()) {
            OrganizedSession session = entry.getValue();
            if (session.covers(response.campaignId, response.ipHmac, response.eventTime())
                    && session.organizationId.equals(response.organizationId)) {
                Integer taken = used.get(session.sessionId);
                int places = taken == null ? 0 : taken;
                if (places < session.participants) {
                    used.put(session.sessionId, places + 1);
                    return true;
                }
            }
        }
        return false;
    }
}
