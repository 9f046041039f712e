package ru.noko.pipeline.antifraud;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import ru.noko.methodology.campaign.AntiFraudSettings;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.pipeline.response.ResponseRow;

/**
 * The anti-fraud checks in order: too fast (no state, next to the source); then, keyed by organization, one response
 * per e-mail, one per device and the IP limit per organization; then, keyed by address, the IP limit across
 * organizations. Each keyed check sees only its key's responses, so the checks scale with the job's parallelism; a
 * response rejected by one check is passed on unchanged by the later ones. The live job and the batch re-check
 * ({@code ./noko recheck}) both run exactly this.
 */
public final class ResponseScreening {

    /** Every response with its verdict, and the responses a check judged on arrival, behind its watermark. */
    public record Screened(DataStream<ScreenedResponse> responses, DataStream<LateResponse> late) {}

    private ResponseScreening() {}

    /** Each known campaign's anti-fraud rules; responses of other campaigns get the defaults. */
    public static Map<String, AntiFraudSettings> rules(Campaigns campaigns) {
        Map<String, AntiFraudSettings> settings = new HashMap<>();
        campaigns
                .all()
                .forEach(campaign ->
                        settings.put(campaign.id(), campaign.definition().antiFraud()));
        return settings;
    }

    public static Screened screen(
            DataStream<ResponseRow> responses,
            DataStream<OrganizedSession> sessions,
            Map<String, AntiFraudSettings> settings) {
        BroadcastStream<OrganizedSession> registered = sessions.broadcast(SessionPlaces.SESSIONS);
        SingleOutputStreamOperator<ScreenedResponse> withinOrganization = responses
                .map(new TooFastCheck(settings))
                .uid("check-too-fast")
                .name("check: too fast")
                .keyBy(OrganizationScreening::key)
                .connect(registered)
                .process(new OrganizationScreening(settings))
                .uid("check-within-organization")
                .name("checks: one response per e-mail and per device, IP limit per organization");
        SingleOutputStreamOperator<ScreenedResponse> judged = withinOrganization
                .keyBy(IpLimitAcrossOrganizations::key)
                .connect(registered)
                .process(new IpLimitAcrossOrganizations(settings))
                .uid("check-ip-all-organizations")
                .name("check: IP limit across organizations");
        return new Screened(
                judged,
                withinOrganization
                        .getSideOutput(EventTimeOrderedCheck.LATE)
                        .union(judged.getSideOutput(EventTimeOrderedCheck.LATE)));
    }
}
