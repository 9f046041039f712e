package ru.noko.pipeline.antifraud;

import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import ru.noko.pipeline.campaign.CampaignBook;
import ru.noko.pipeline.campaign.CampaignRow;
import ru.noko.pipeline.campaign.CampaignText;
import ru.noko.pipeline.response.ResponseRow;

/**
 * The anti-fraud checks in order: the campaign's rules looked up and too fast judged (no keyed state, next to the
 * source); then, keyed by organization, one response per e-mail, one per device and the IP limit per organization;
 * then, keyed by address, the IP limit across organizations. Each keyed check sees only its key's responses, so the
 * checks scale with the job's parallelism; a response rejected by one check is passed on unchanged by the later ones.
 * The live job and the batch re-check ({@code ./noko recheck}) both run exactly this.
 */
public final class ResponseScreening {

    /**
     * Every response with its verdict, the responses a check judged on arrival, behind its watermark, and a row for
     * each campaign published while the checks ran.
     */
    public record Screened(
            DataStream<ScreenedResponse> responses, DataStream<LateResponse> late, DataStream<CampaignRow> campaigns) {}

    private ResponseScreening() {}

    /**
     * @param campaigns the campaigns published while the job runs, broadcast to the first check
     * @param book the catalog the job started with
     */
    public static Screened screen(
            DataStream<ResponseRow> responses,
            DataStream<OrganizedSession> sessions,
            DataStream<CampaignText> campaigns,
            CampaignBook book) {
        BroadcastStream<OrganizedSession> registered = sessions.broadcast(SessionPlaces.SESSIONS);
        SingleOutputStreamOperator<ScreenedResponse> withRules = responses
                .connect(campaigns.broadcast(CampaignBook.STATE))
                .process(new CampaignRulesCheck(book))
                .returns(ScreenedResponseSerializer.TYPE)
                .uid("check-too-fast")
                .name("check: too fast, with the campaign's rules");
        SingleOutputStreamOperator<ScreenedResponse> withinOrganization = withRules
                .keyBy(OrganizationScreening::key)
                .connect(registered)
                .process(new OrganizationScreening())
                .returns(ScreenedResponseSerializer.TYPE)
                .uid("check-within-organization")
                .name("checks: one response per e-mail and per device, IP limit per organization");
        SingleOutputStreamOperator<ScreenedResponse> judged = withinOrganization
                .keyBy(IpLimitAcrossOrganizations::key)
                .connect(registered)
                .process(new IpLimitAcrossOrganizations())
                .returns(ScreenedResponseSerializer.TYPE)
                .uid("check-ip-all-organizations")
                .name("check: IP limit across organizations");
        return new Screened(
                judged,
                withinOrganization
                        .getSideOutput(EventTimeOrderedCheck.LATE)
                        .union(judged.getSideOutput(EventTimeOrderedCheck.LATE)),
                withRules.getSideOutput(CampaignRulesCheck.CAMPAIGNS));
    }
}
