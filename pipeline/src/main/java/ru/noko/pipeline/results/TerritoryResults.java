package ru.noko.pipeline.results;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.CampaignResult;
import ru.noko.methodology.campaign.CampaignScoring;
import ru.noko.methodology.campaign.OrganizationResult;
import ru.noko.methodology.campaign.RoleCoverage;
import ru.noko.methodology.campaign.TerritoryFigure;
import ru.noko.methodology.campaign.TerritoryResult;
import ru.noko.methodology.scoring.Exact;
import ru.noko.methodology.scoring.SurveyCounters;
import ru.noko.pipeline.campaign.CampaignBook;
import ru.noko.pipeline.campaign.CampaignText;

/**
 * Live figures of the municipalities of a region and of the region itself, keyed by campaign and region: the latest
 * snapshot of each organization is kept, and on a change the campaign's {@link CampaignScoring} rolls them up — the
 * roll-up the batch command runs — at most once a second ({@link EmissionPace}).
 */
public class TerritoryResults
        extends KeyedBroadcastProcessFunction<String, OrganizationSnapshot, CampaignText, TerritoryMetricRow> {

    public static final OutputTag<CoverageRow> COVERAGE = new OutputTag<>("territory-coverage") {};

    private final CampaignBook book;
    private transient ParsedFacts parsed;
    private transient MapState<String, OrganizationSnapshot> organizations;
    private transient ValueState<Long> emitTimer;
    private transient ValueState<Long> lastEmission;
    /** campaign|organization → its figures as last scored, for every key of this subtask */
    private transient Map<String, Scored> scored;

    /** @param book the campaigns the job started with; those published since come through the broadcast */
    public TerritoryResults(CampaignBook book) {
        this.book = book;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        parsed = new ParsedFacts();
        scored = new HashMap<>();
        organizations = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "organizations", Types.STRING, TypeInformation.of(OrganizationSnapshot.class)));
        emitTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("emit-timer", Types.LONG));
        lastEmission = getRuntimeContext().getState(new ValueStateDescriptor<>("last-emission", Types.LONG));
    }

    @Override
    public void processBroadcastElement(CampaignText campaign, Context context, Collector<TerritoryMetricRow> out)
            throws Exception {
        book.take(campaign, context.getBroadcastState(CampaignBook.STATE));
    }

    @Override
    public void processElement(
            OrganizationSnapshot snapshot, ReadOnlyContext context, Collector<TerritoryMetricRow> out)
            throws Exception {
        OrganizationSnapshot known = organizations.get(snapshot.organizationId);
        if (known == null || known.version <= snapshot.version) {
            organizations.put(snapshot.organizationId, snapshot);
        }
        if (emitTimer.value() == null) {
            long at = EmissionPace.next(
                    lastEmission.value(), context.timerService().currentProcessingTime());
            context.timerService().registerProcessingTimeTimer(at);
            emitTimer.update(at);
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext context, Collector<TerritoryMetricRow> out) throws Exception {
        emitTimer.clear();
        lastEmission.update(time);
        String campaignId = context.getCurrentKey().split("\\|", 2)[0];
        Campaign campaign = book.campaigns(context.getBroadcastState(CampaignBook.STATE))
                .find(campaignId)
                .orElseThrow();
        CampaignScoring scoring = campaign.scoring();
        List<OrganizationResult> results = new ArrayList<>();
        long version = 0;
        for (OrganizationSnapshot snapshot : organizations.values()) {
            results.add(scored(snapshot, campaign));
            version += snapshot.version;
        }
        // Registry order is lost in state; the roll-up sorts territories by name and does not depend on it.
        results.sort(java.util.Comparator.comparing(r -> r.organization().id()));
        CampaignResult rolledUp = scoring.rollUp(results);
        for (TerritoryResult territory : rolledUp.municipalities()) {
            emit(campaignId, territory, version, context, out);
        }
        for (TerritoryResult territory : rolledUp.regions()) {
            emit(campaignId, territory, version, context, out);
        }
    }

    /**
     * The organization's figures from its snapshot, scored again only when the snapshot or the campaign changed: in
     * a burst most of a region's organizations are unchanged between two roll-ups. A cache of derived values, so
     * it is not in the checkpoint; a restored job scores each organization once more.
     */
    private OrganizationResult scored(OrganizationSnapshot snapshot, Campaign campaign) throws IOException {
        String key = snapshot.campaignId + "|" + snapshot.organizationId;
        Scored known = scored.get(key);
        if (known != null && known.version == snapshot.version && known.campaign == campaign) {
            return known.result;
        }
        Map<String, Long> byRole = new HashMap<>();
        for (int i = 0; i < snapshot.roles.length; i++) {
            byRole.put(snapshot.roles[i], snapshot.roleResponses[i]);
        }
        List<String> counterIds = campaign.model().counterIds();
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < counterIds.size() && i < snapshot.counts.length; i++) {
            counts.put(counterIds.get(i), snapshot.counts[i]);
        }
        SurveyCounters counters = SurveyCounters.of(snapshot.responses, byRole, counts);
        OrganizationResult result = campaign.scoring()
                .organization(parsed.organization(snapshot.registryJson), counters, parsed.inputs(snapshot.inputsJson));
        scored.put(key, new Scored(snapshot.version, campaign, result));
        return result;
    }

    private record Scored(long version, Campaign campaign, OrganizationResult result) {}

    /** The double nearest an exact figure; 0 for an undefined one (the table's convention). */
    private static double full(BigFraction value) {
        return value == null ? 0 : value.doubleValue();
    }

    private static double published(BigFraction value) {
        return value == null ? 0 : Exact.published(value).doubleValue();
    }

    private static void emit(
            String campaignId,
            TerritoryResult territory,
            long version,
            OnTimerContext context,
            Collector<TerritoryMetricRow> out) {
        for (RoleCoverage role : territory.coverage()) {
            CoverageRow row = CoverageRows.of(campaignId, role, territory.level(), version);
            row.region = territory.region();
            row.municipality = territory.municipality() == null ? "" : territory.municipality();
            row.organizationType = territory.organizationType() == null ? "" : territory.organizationType();
            row.organizations = territory.organizations();
            row.representative = territory.representative();
            context.output(COVERAGE, row);
        }
        for (TerritoryFigure figure : territory.figures()) {
            TerritoryMetricRow row = new TerritoryMetricRow();
            row.campaignId = campaignId;
            row.region = territory.region();
            row.municipality = territory.municipality() == null ? "" : territory.municipality();
            row.organizationType = territory.organizationType() == null ? "" : territory.organizationType();
            row.metricId = figure.id();
            row.metricName = figure.name();
            row.basis = figure.basis().code();
            row.value = full(figure.value());
            row.published = published(figure.value());
            row.mean = full(figure.mean());
            row.meanPublished = published(figure.mean());
            row.respondentWeighted = full(figure.respondentWeighted());
            row.respondentWeightedPublished = published(figure.respondentWeighted());
            row.pooled = full(figure.pooled());
            row.pooledPublished = published(figure.pooled());
            row.organizations = figure.organizations();
            row.version = version;
            out.collect(row);
        }
        for (TerritoryResult byType : territory.byType()) {
            emit(campaignId, byType, version, context, out);
        }
    }
}
