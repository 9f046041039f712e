package ru.noko.pipeline.antifraud;

import java.util.Map;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import ru.noko.methodology.campaign.AntiFraudSettings;
import ru.noko.pipeline.antifraud.FirstResponseWins.Identifier;
import ru.noko.pipeline.response.ResponseRow;

/**
 * The anti-fraud checks in order: too fast, one response per e-mail, one per device, the IP limit per organization,
 * the IP limit across organizations. Each keyed check sees only its key's responses, so the checks scale with the
 * job's parallelism; a response rejected by one check is passed on unchanged by the later ones.
 */
public final class ResponseScreening {

    private ResponseScreening() {}

    public static DataStream<ScreenedResponse> screen(DataStream<ResponseRow> responses,
            DataStream<OrganizedSession> sessions, Map<String, AntiFraudSettings> settings) {
        BroadcastStream<OrganizedSession> registered = sessions.broadcast(IpRateLimit.SESSIONS);
        return responses
                .map(new TooFastCheck(settings)).uid("check-too-fast").name("check: too fast")
                .keyBy(r -> FirstResponseWins.key(r, Identifier.EMAIL))
                .process(new FirstResponseWins(Identifier.EMAIL, settings)).uid("check-one-per-email")
                .name("check: one response per e-mail")
                .keyBy(r -> FirstResponseWins.key(r, Identifier.DEVICE))
                .process(new FirstResponseWins(Identifier.DEVICE, settings)).uid("check-one-per-device")
                .name("check: one response per device")
                .keyBy(r -> IpRateLimit.key(r, true)).connect(registered)
                .process(new IpRateLimit(true, settings)).uid("check-ip-per-organization")
                .name("check: IP limit per organization")
                .keyBy(r -> IpRateLimit.key(r, false)).connect(registered)
                .process(new IpRateLimit(false, settings)).uid("check-ip-all-organizations")
                .name("check: IP limit across organizations");
    }
}
