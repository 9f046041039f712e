package ru.noko.pipeline.results;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.pipeline.campaign.CampaignBook;
import ru.noko.pipeline.campaign.CampaignText;
import ru.noko.pipeline.response.SplitUndecodable;

/**
 * Checks the facts that belong to a campaign against it, as the batch command checks them: a self-assessment's inputs
 * against the campaign model's expert inputs, a verdict correction's counts against the model's counters. The
 * campaigns are the job's catalog with those published since it started ({@link CampaignBook}). A fact that does not
 * pass, or names a campaign the job does not know, joins the unreadable records with its reason and is never applied.
 */
public class CheckFacts extends BroadcastProcessFunction<OrganizationFact, CampaignText, OrganizationFact> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CampaignBook book;

    public CheckFacts(CampaignBook book) {
        this.book = book;
    }

    @Override
    public void processElement(OrganizationFact fact, ReadOnlyContext context, Collector<OrganizationFact> out)
            throws Exception {
        if (OrganizationFact.REGISTRY.equals(fact.kind)) {
            out.collect(fact);
            return;
        }
        Optional<Campaign> campaign =
                book.campaigns(context.getBroadcastState(CampaignBook.STATE)).find(fact.campaignId);
        try {
            if (campaign.isEmpty()) {
                throw new IllegalArgumentException("unknown campaign '" + fact.campaignId + "'");
            }
            if (OrganizationFact.SELF_ASSESSMENT.equals(fact.kind)) {
                Map<String, Integer> inputs = JSON.readValue(fact.json, new TypeReference<>() {});
                List<String> problems = campaign.get().model().checkExpertInputs(inputs);
                if (!problems.isEmpty()) {
                    throw new IllegalArgumentException(String.join("; ", problems));
                }
            } else {
                VerdictCorrection.parse(fact.json).check(campaign.get());
            }
        } catch (IllegalArgumentException e) {
            context.output(SplitUndecodable.UNDECODABLE, fact.undecodable(e.getMessage()));
            return;
        }
        out.collect(fact);
    }

    @Override
    public void processBroadcastElement(CampaignText campaign, Context context, Collector<OrganizationFact> out)
            throws Exception {
        book.take(campaign, context.getBroadcastState(CampaignBook.STATE));
    }
}
