package ru.noko.pipeline.antifraud;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import ru.noko.methodology.campaign.AntiFraudSettings;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.pipeline.campaign.CampaignBook;
import ru.noko.pipeline.campaign.CampaignRow;
import ru.noko.pipeline.campaign.CampaignText;
import ru.noko.pipeline.response.ResponseRow;
import ru.noko.pipeline.response.ResponseRows;

/**
 * The first check, next to the source and without a shuffle: it looks up the response's campaign in the catalog the
 * job keeps ({@link CampaignBook}, with the campaigns published while it runs from the broadcast), rejects a response
 * filled in faster than the campaign allows (submittedAt − startedAt below the minimum), and attaches the campaign's
 * other rules for the keyed checks. A response of a campaign published after the job started is counted here by that
 * campaign's model; the others were counted while decoding. A response of a campaign the job does not know gets the
 * default rules and no counts.
 *
 * <p>Each published campaign also leaves one row for the {@code campaigns} table, from the first subtask only (every
 * subtask sees every broadcast record).
 */
public class CampaignRulesCheck extends BroadcastProcessFunction<ResponseRow, CampaignText, ScreenedResponse> {

    public static final OutputTag<CampaignRow> CAMPAIGNS = new OutputTag<>("campaigns") {};
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CampaignBook book;

    public CampaignRulesCheck(CampaignBook book) {
        this.book = book;
    }

    @Override
    public void processElement(ResponseRow response, ReadOnlyContext context, Collector<ScreenedResponse> out)
            throws Exception {
        ScreenedResponse screened = ScreenedResponse.of(response);
        Optional<Campaign> campaign =
                book.campaigns(context.getBroadcastState(CampaignBook.STATE)).find(response.campaignId);
        AntiFraudSettings rules =
                campaign.map(known -> known.definition().antiFraud()).orElse(AntiFraudSettings.DEFAULTS);
        if (campaign.isPresent()
                && context.getBroadcastState(CampaignBook.STATE).contains(response.campaignId)) {
            Map<String, Object> answers = JSON.readValue(response.answersJson, new TypeReference<>() {});
            screened.counts = ResponseRows.counts(campaign, response.respondentRole, answers);
        }
        screened.withRules(rules);
        if (response.submittedAtMillis - response.startedAtMillis < rules.minFillSeconds() * 1000L) {
            screened.reject(FraudReason.TOO_FAST);
        }
        out.collect(screened);
    }

    @Override
    public void processBroadcastElement(CampaignText campaign, Context context, Collector<ScreenedResponse> out)
            throws Exception {
        if (!book.take(campaign, context.getBroadcastState(CampaignBook.STATE))
                || getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() != 0) {
            return;
        }
        Campaigns catalog = book.campaigns(context.getBroadcastState(CampaignBook.STATE));
        context.output(CAMPAIGNS, CampaignRow.of(catalog.find(campaign.id).orElseThrow(), System.currentTimeMillis()));
    }
}
