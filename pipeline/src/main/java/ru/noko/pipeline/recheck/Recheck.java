package ru.noko.pipeline.recheck;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.pipeline.antifraud.OrganizedSession;
import ru.noko.pipeline.antifraud.ResponseScreening;
import ru.noko.pipeline.antifraud.ScreenedResponse;
import ru.noko.pipeline.campaign.CampaignBook;
import ru.noko.pipeline.campaign.CampaignText;
import ru.noko.pipeline.clickhouse.ResponseVerdictInsert;
import ru.noko.pipeline.recheck.StoredCampaign.StoredVerdict;
import ru.noko.pipeline.response.ResponseRow;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/**
 * The batch re-check: a campaign's stored raw responses judged again by the stream's own checks
 * ({@link ResponseScreening}, on a local Flink environment) in strict receipt order — no watermark moves until every
 * response and every organized session has been read, so nothing is late and each check releases its responses in
 * (receivedAt, responseId) order. Where a verdict differs from the stored one, the re-checked verdict is written as a
 * new version, and where the change makes a response count or no longer count, a correction goes to the live figures.
 */
public final class Recheck {

    private final ClickHouseTarget clickHouse;
    private final Campaigns campaigns;
    private final int parallelism;

    public Recheck(ClickHouseTarget clickHouse, Campaigns campaigns, int parallelism) {
        this.clickHouse = clickHouse;
        this.campaigns = campaigns;
        this.parallelism = parallelism;
    }

    /** Re-judges the campaign's stored responses; writes nothing. */
    public RecheckResult judge(Campaign campaign) throws Exception {
        String campaignId = campaign.id();
        List<ResponseRow> rows;
        List<OrganizedSession> sessions;
        Map<String, StoredVerdict> stored;
        Set<String> late;
        try (Connection connection = clickHouse.connect()) {
            rows = StoredCampaign.responses(connection, campaignId, Optional.of(campaign));
            sessions = StoredCampaign.sessions(connection, campaignId);
            stored = StoredCampaign.verdicts(connection, campaignId);
            late = StoredCampaign.lateResponseIds(connection, campaignId);
        }
        List<RecheckResult.Change> changes = new ArrayList<>();
        int unchanged = 0;
        int notJudged = 0;
        for (ScreenedResponse rechecked : inReceiptOrder(rows, sessions, CampaignBook.of(campaigns), parallelism)) {
            StoredVerdict before = stored.get(rechecked.responseId);
            if (before == null) {
                notJudged++;
            } else if (before.verdict().equals(rechecked.verdict())
                    && before.rejections().equals(rechecked.rejections)
                    && before.flags().equals(rechecked.flags)) {
                unchanged++;
            } else {
                changes.add(new RecheckResult.Change(rechecked, before, late.contains(rechecked.responseId)));
            }
        }
        return new RecheckResult(campaignId, rows.size(), unchanged, notJudged, sessions.size(), changes);
    }

    /**
     * Writes the corrections: first to the live figures (published and acknowledged; applying one twice changes
     * nothing), then the corrected verdicts as version {@code version} — so a failure in between leaves verdicts a
     * later re-check finds and corrects again, never figures that disagree with stored verdicts for good.
     */
    public void apply(RecheckResult result, CorrectionPublisher corrections, long version) throws Exception {
        corrections.publish(result.countingChanges().stream()
                .map(RecheckResult.Change::correction)
                .toList());
        ResponseVerdictInsert insert = new ResponseVerdictInsert(version, ResponseVerdictInsert.RECHECK);
        try (Connection connection = clickHouse.connect();
                PreparedStatement statement = connection.prepareStatement(insert.query())) {
            for (RecheckResult.Change change : result.changes()) {
                insert.statement(statement, change.rechecked());
                statement.addBatch();
            }
            if (!result.changes().isEmpty()) {
                statement.executeBatch();
            }
        }
    }

    /** Every response judged by the stream's checks, all of them in receipt order. */
    private static List<ScreenedResponse> inReceiptOrder(
            List<ResponseRow> rows, List<OrganizedSession> sessions, CampaignBook book, int parallelism)
            throws Exception {
        if (rows.isEmpty()) {
            return List.of();
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism);
        // No watermark before the end of input: every check holds its responses until all are read, then releases
        // them in order. The sessions' input holds the watermark back too until every session is in.
        DataStream<ResponseRow> responses = env.fromData(rows, TypeInformation.of(ResponseRow.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<ResponseRow>noWatermarks()
                        .withTimestampAssigner((row, ignored) -> row.receivedAtMillis));
        DataStream<OrganizedSession> registered = env.fromData(
                sessions.isEmpty() ? List.of(noSession()) : sessions, TypeInformation.of(OrganizedSession.class));
        // The book holds every campaign; the broadcast only needs an element to end.
        DataStream<CampaignText> noneLater =
                env.fromData(List.of(new CampaignText()), TypeInformation.of(CampaignText.class));
        List<ScreenedResponse> judged = new ArrayList<>(rows.size());
        try (CloseableIterator<ScreenedResponse> out = ResponseScreening.screen(responses, registered, noneLater, book)
                .responses()
                .executeAndCollect("noko recheck")) {
            out.forEachRemaining(judged::add);
        }
        return judged;
    }

    /** Stands for "no sessions" (a source needs an element): its campaign id is empty, so it covers no response. */
    private static OrganizedSession noSession() {
        OrganizedSession none = new OrganizedSession();
        none.sessionId = "";
        none.campaignId = "";
        none.organizationId = "";
        none.ipHmac = "";
        none.participants = 1;
        return none;
    }
}
