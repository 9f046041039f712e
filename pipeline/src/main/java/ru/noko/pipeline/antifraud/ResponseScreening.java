package ru.noko.pipeline.antifraud;

import java.util.Map;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import ru.noko.methodology.campaign.AntiFraudSettings;
import ru.noko.pipeline.response.ResponseRow;

/**
 * The anti-fraud checks in order: too fast (no state, next to the source); then, keyed by organization, one response
 * per e-mail, one per device and the IP limit per organization; then, keyed by address, the IP limit across
 * organizations. Each keyed check sees only its key's responses, so the checks scale with the job's parallelism; a
 * response rejected by one check is passed on unchanged by the later ones.
 */
public final class ResponseScreening {

    private ResponseScreening() {}

    public static DataStream<ScreenedResponse> screen(DataStream<ResponseRow> responses,
            DataStream<OrganizedSession> sessions, Map<String, AntiFraudSettings> settings) {
        BroadcastStream<OrganizedSession> registered = sessions.broadcast(SessionPlaces.SESSIONS);
        return responses
                .map(new TooFastCheck(settings)).uid("check-too-fast").name("check: too fast")
                .keyBy(OrganizationScreening::key).connect(registered)
                .process(new OrganizationScreening(settings)).uid("check-within-organization")
                .name("checks: one response per e-mail and per device, IP limit per organization")
                .keyBy(IpLimitAcrossOrganizations::key).connect(registered)
                .process(new IpLimitAcrossOrganizations(settings)).uid("check-ip-all-organizations")
                .name("check: IP limit across organizations");
    }
}
