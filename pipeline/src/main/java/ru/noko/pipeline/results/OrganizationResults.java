package ru.noko.pipeline.results;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.methodology.campaign.OrganizationResult;
import ru.noko.methodology.campaign.RoleCoverage;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.scoring.Exact;
import ru.noko.methodology.scoring.Metric;
import ru.noko.methodology.scoring.SurveyCounters;
import ru.noko.pipeline.antifraud.Fingerprint;
import ru.noko.pipeline.antifraud.ScreenedResponse;
import ru.noko.pipeline.campaign.CampaignBook;
import ru.noko.pipeline.campaign.CampaignText;

/**
 * Live figures of an organization, keyed by organization, with the campaigns the job knows ({@link CampaignBook}): the accepted responses' counters are summed per campaign
 * in keyed state — the mergeable {@link SurveyCounters} of the methodology engine — and each campaign's model computes
 * the figures from them and the organization's self-assessment, the same code the batch {@code score} command runs.
 * Rejected responses are not counted. The registry entry and self-assessments arrive as {@link OrganizationFact}s on
 * the same key ({@link OrganizationInput}) and update the figures that depend on them; so do the verdicts the batch re-check corrected, which add
 * or take away their response's counts.
 *
 * <p>Figures are emitted at most once a second per organization: at once after a quiet second, otherwise a
 * processing-time timer coalesces the burst into the next allowed second ({@link EmissionPace}); while a backlog is
 * read, every ten seconds until the organization's changes pause. Their
 * version counts the changes applied to the campaign's figures (responses, self-assessments, registry entries), so
 * the newest state replaces older ones and the final version does not depend on the order the changes came in. Organizations with a registry entry also send a {@link OrganizationSnapshot}
 * to the territory roll-ups.
 *
 * <p>Why one class of this size: it is one keyed operator; its state, timers and the three inputs that change the
 * figures must be read together to see that every change counts once.
 */
public class OrganizationResults
        extends KeyedBroadcastProcessFunction<String, OrganizationInput, CampaignText, OrganizationMetricRow> {

    public static final OutputTag<OrganizationSnapshot> SNAPSHOTS = new OutputTag<>("organization-snapshots") {};
    public static final OutputTag<CoverageRow> COVERAGE = new OutputTag<>("organization-coverage") {};
    /** Positions in a campaign's totals: changes applied, accepted responses, then the model's counts. */
    private static final int CHANGES = 0;

    private static final int RESPONSES = 1;
    private static final int COUNTS = 2;
    private final CampaignBook book;
    private transient ParsedFacts parsed;
    /** campaign → totals: changes applied, accepted responses, the model's counts in its counterIds order */
    private transient MapState<String, long[]> totals;
    /** campaign|role → accepted responses */
    private transient MapState<String, Long> byRole;
    /** fingerprint of a response whose verdict the re-check corrected → whether it counts now */
    private transient MapState<Long, Boolean> corrected;
    /** campaign → self-assessment inputs (JSON) */
    private transient MapState<String, String> inputs;
    /** campaigns changed since the last emission */
    private transient MapState<String, Boolean> dirty;

    private transient ValueState<String> registry;
    private transient ValueState<Long> registryUpdates;
    private transient ValueState<Long> emitTimer;
    private transient ValueState<Long> lastEmission;
    /** when the last change read from a backlog came; cleared by a change on time ({@link EmissionPace}) */
    private transient ValueState<Long> backlogChange;

    /** @param book the campaigns the job started with; those published since come through the broadcast */
    public OrganizationResults(CampaignBook book) {
        this.book = book;
    }

    public static String key(OrganizationInput input) {
        return input.organizationId();
    }

    @Override
    public void open(OpenContext context) throws Exception {
        parsed = new ParsedFacts();
        totals = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "totals", Types.STRING, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        byRole = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("responses-by-role", Types.STRING, Types.LONG));
        inputs = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("self-assessments", Types.STRING, Types.STRING));
        dirty = getRuntimeContext().getMapState(new MapStateDescriptor<>("dirty", Types.STRING, Types.BOOLEAN));
        corrected = getRuntimeContext().getMapState(new MapStateDescriptor<>("corrected", Types.LONG, Types.BOOLEAN));
        registry = getRuntimeContext().getState(new ValueStateDescriptor<>("registry", Types.STRING));
        registryUpdates = getRuntimeContext().getState(new ValueStateDescriptor<>("registry-updates", Types.LONG));
        emitTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("emit-timer", Types.LONG));
        lastEmission = getRuntimeContext().getState(new ValueStateDescriptor<>("last-emission", Types.LONG));
        backlogChange = getRuntimeContext().getState(new ValueStateDescriptor<>("backlog-change", Types.LONG));
    }

    @Override
    public void processElement(OrganizationInput input, ReadOnlyContext context, Collector<OrganizationMetricRow> out)
            throws Exception {
        Campaigns campaigns = book.campaigns(context.getBroadcastState(CampaignBook.STATE));
        long now = context.timerService().currentProcessingTime();
        if (input.response != null && EmissionPace.isBacklog(input.response.receivedAtMillis, now)) {
            backlogChange.update(now);
        } else if (backlogChange.value() != null) {
            backlogChange.clear();
        }
        if (input.response != null) {
            response(input.response, campaigns, context.timerService());
        } else {
            fact(input.fact, campaigns, context.timerService());
        }
    }

    @Override
    public void processBroadcastElement(CampaignText campaign, Context context, Collector<OrganizationMetricRow> out)
            throws Exception {
        book.take(campaign, context.getBroadcastState(CampaignBook.STATE));
    }

    private void response(ScreenedResponse screened, Campaigns campaigns, TimerService timers) throws Exception {
        String campaignId = screened.campaignId;
        Optional<Campaign> campaign = campaigns.find(campaignId);
        if (screened.isRejected() || campaign.isEmpty()) {
            return;
        }
        long[] sums = totalsOf(campaign.get());
        sums[CHANGES]++;
        sums[RESPONSES]++;
        // Counted by the campaign's model when the response was decoded, in its counterIds order.
        for (int i = 0; i < screened.counts.length && COUNTS + i < sums.length; i++) {
            sums[COUNTS + i] += screened.counts[i];
        }
        totals.put(campaignId, sums);
        String role = campaignId + "|" + screened.respondentRole;
        Long responses = byRole.get(role);
        byRole.put(role, responses == null ? 1 : responses + 1);
        dirty.put(campaignId, true);
        scheduleEmission(timers);
    }

    private void fact(OrganizationFact fact, Campaigns campaigns, TimerService timers) throws Exception {
        if (OrganizationFact.VERDICT_CORRECTION.equals(fact.kind)) {
            Optional<Campaign> campaign = campaigns.find(fact.campaignId);
            if (campaign.isPresent()) {
                correct(VerdictCorrection.parse(fact.json, campaign.get()), campaign.get(), timers);
            }
        } else if (OrganizationFact.REGISTRY.equals(fact.kind)) {
            registry.update(fact.json);
            registryUpdates.update(registryUpdates.value() == null ? 1 : registryUpdates.value() + 1);
            for (String campaignId : totals.keys()) {
                dirty.put(campaignId, true);
                scheduleEmission(timers);
            }
        } else {
            Optional<Campaign> campaign = campaigns.find(fact.campaignId);
            if (campaign.isEmpty()) {
                return;
            }
            inputs.put(fact.campaignId, fact.json);
            long[] sums = totalsOf(campaign.get());
            sums[CHANGES]++;
            totals.put(fact.campaignId, sums);
            dirty.put(fact.campaignId, true);
            scheduleEmission(timers);
        }
    }

    /**
     * Adds or takes away a response whose verdict the re-check corrected. Applied once per response and direction: a
     * correction published twice, or one that repeats what the figures already count, changes nothing.
     */
    private void correct(VerdictCorrection correction, Campaign campaign, TimerService timers) throws Exception {
        long response = Fingerprint.of(correction.responseId());
        Boolean counts = corrected.get(response);
        // Before any correction the figures count what the live verdict said: the opposite of this correction.
        boolean countedNow = counts == null ? !correction.counted() : counts;
        if (countedNow == correction.counted()) {
            return;
        }
        long sign = correction.counted() ? 1 : -1;
        long[] sums = totalsOf(campaign);
        sums[CHANGES]++;
        sums[RESPONSES] += sign;
        for (int i = 0; i < correction.counts().length && COUNTS + i < sums.length; i++) {
            sums[COUNTS + i] += sign * correction.counts()[i];
        }
        totals.put(campaign.id(), sums);
        String role = campaign.id() + "|" + correction.respondentRole();
        Long responses = byRole.get(role);
        byRole.put(role, (responses == null ? 0 : responses) + sign);
        corrected.put(response, correction.counted());
        dirty.put(campaign.id(), true);
        scheduleEmission(timers);
    }

    /** The campaign's totals, zero before its first change; the caller puts them back after changing them. */
    private long[] totalsOf(Campaign campaign) throws Exception {
        long[] sums = totals.get(campaign.id());
        return sums != null
                ? sums
                : new long[COUNTS + campaign.model().counterIds().size()];
    }

    private void scheduleEmission(TimerService timers) throws Exception {
        if (emitTimer.value() == null) {
            long at = EmissionPace.next(lastEmission.value(), timers.currentProcessingTime());
            timers.registerProcessingTimeTimer(at);
            emitTimer.update(at);
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext context, Collector<OrganizationMetricRow> out) throws Exception {
        emitTimer.clear();
        if (EmissionPace.waits(lastEmission.value(), backlogChange.value(), time)) {
            long at = time + EmissionPace.EVERY_MS;
            context.timerService().registerProcessingTimeTimer(at);
            emitTimer.update(at);
            return;
        }
        lastEmission.update(time);
        Campaigns campaigns = book.campaigns(context.getBroadcastState(CampaignBook.STATE));
        String organizationId = context.getCurrentKey();
        Organization organization = registry.value() == null ? null : parsed.organization(registry.value());
        for (String campaignId : toList(dirty.keys())) {
            Optional<Campaign> campaign = campaigns.find(campaignId);
            if (campaign.isEmpty()) {
                continue;
            }
            long[] sums = totals.get(campaignId);
            SurveyCounters counters = counters(campaign.get(), sums);
            String inputsJson = inputs.get(campaignId);
            Map<String, Integer> expertInputs = inputsJson == null ? Map.of() : parsed.inputs(inputsJson);
            // Registry updates count for every campaign, whether they came before or after its responses.
            long version = sums[CHANGES] + (registryUpdates.value() == null ? 0 : registryUpdates.value());
            // Coverage and the level need the registry entry; the figures do not.
            OrganizationResult result = organization == null
                    ? null
                    : campaign.get().scoring().organization(organization, counters, expertInputs);
            List<Metric> metrics =
                    result != null ? result.metrics() : campaign.get().model().score(counters, expertInputs);
            boolean weightsRescaled = metrics.stream().anyMatch(Metric::rescaled);
            for (Metric metric : metrics) {
                out.collect(row(campaignId, organizationId, metric, counters.responses(), weightsRescaled, version));
            }
            if (result != null) {
                for (RoleCoverage role : result.coverage()) {
                    context.output(COVERAGE, coverage(campaignId, result, role, version));
                }
                context.output(SNAPSHOTS, snapshot(campaign.get(), organization, counters, inputsJson, version));
            }
        }
        dirty.clear();
    }

    private static OrganizationMetricRow row(
            String campaignId,
            String organizationId,
            Metric metric,
            long responses,
            boolean weightsRescaled,
            long version) {
        OrganizationMetricRow row = new OrganizationMetricRow();
        row.campaignId = campaignId;
        row.organizationId = organizationId;
        row.metricId = metric.id();
        row.metricName = metric.name();
        row.value = metric.isDefined() ? metric.value() : 0;
        row.published = metric.isDefined() ? metric.published().doubleValue() : 0;
        row.exact = metric.isDefined() ? Exact.text(metric.exact()) : "";
        row.numerator = metric.numerator();
        row.denominator = metric.denominator();
        row.parts = metric.partsText();
        row.status = metric.status().name();
        row.note = metric.note() == null ? "" : metric.note();
        row.weightsRescaled = weightsRescaled;
        row.responses = responses;
        row.version = version;
        return row;
    }

    private static CoverageRow coverage(String campaignId, OrganizationResult result, RoleCoverage role, long version) {
        CoverageRow row = CoverageRows.of(campaignId, role, result.level(), version);
        row.organizationId = result.organization().id();
        row.representative = result.representative() ? 1 : 0;
        row.weightsRescaled = result.weightsRescaled();
        return row;
    }

    private OrganizationSnapshot snapshot(
            Campaign campaign, Organization organization, SurveyCounters counters, String inputsJson, long version)
            throws IOException {
        OrganizationSnapshot snapshot = new OrganizationSnapshot();
        snapshot.campaignId = campaign.id();
        snapshot.organizationId = organization.id();
        snapshot.region = organization.region();
        snapshot.registryJson = registry.value();
        snapshot.responses = counters.responses();
        List<String> roles = List.copyOf(counters.responsesByRole().keySet());
        snapshot.roles = roles.toArray(String[]::new);
        snapshot.roleResponses = roles.stream().mapToLong(counters::responses).toArray();
        snapshot.counts = campaign.model().counterIds().stream()
                .mapToLong(counters::count)
                .toArray();
        snapshot.inputsJson = inputsJson == null ? "{}" : inputsJson;
        snapshot.version = version;
        return snapshot;
    }

    /** The campaign's totals as the engine's counters. */
    private SurveyCounters counters(Campaign campaign, long[] sums) throws Exception {
        String prefix = campaign.id() + "|";
        Map<String, Long> responsesByRole = new HashMap<>();
        for (Map.Entry<String, Long> role : byRole.entries()) {
            if (role.getKey().startsWith(prefix)) {
                responsesByRole.put(role.getKey().substring(prefix.length()), role.getValue());
            }
        }
        List<String> ids = campaign.model().counterIds();
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < ids.size() && COUNTS + i < sums.length; i++) {
            counts.put(ids.get(i), sums[COUNTS + i]);
        }
        return SurveyCounters.of(sums[RESPONSES], responsesByRole, counts);
    }

    /** A copy, since the state it comes from is cleared afterwards. */
    private static <T> List<T> toList(Iterable<T> items) {
        List<T> list = new java.util.ArrayList<>();
        items.forEach(list::add);
        return list;
    }
}
