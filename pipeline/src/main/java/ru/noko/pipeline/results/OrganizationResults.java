package ru.noko.pipeline.results;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.methodology.campaign.OrganizationResult;
import ru.noko.methodology.campaign.RoleCoverage;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.scoring.Metric;
import ru.noko.methodology.scoring.SurveyCounters;
import ru.noko.pipeline.antifraud.ScreenedResponse;

/**
 * Live figures of an organization, keyed by organization: the accepted responses' counters are summed per campaign
 * in keyed state — the mergeable {@link SurveyCounters} of the methodology engine — and each campaign's model computes
 * the figures from them and the organization's self-assessment, the same code the batch {@code score} command runs.
 * Rejected responses are not counted. The registry entry and self-assessments arrive as {@link OrganizationFact}s on
 * the same key and update the figures that depend on them.
 *
 * <p>Figures are emitted at most once a second per organization (a processing-time timer coalesces a burst). Their
 * version counts the changes applied to the campaign's figures (responses, self-assessments, registry entries), so
 * the newest state replaces older ones and the final version does not depend on the order the changes came in. Organizations with a registry entry also send a {@link OrganizationSnapshot}
 * to the territory roll-ups.
 */
public class OrganizationResults
        extends KeyedCoProcessFunction<String, ScreenedResponse, OrganizationFact, OrganizationMetricRow> {

    public static final OutputTag<OrganizationSnapshot> SNAPSHOTS = new OutputTag<>("organization-snapshots") {};
    public static final OutputTag<CoverageRow> COVERAGE = new OutputTag<>("organization-coverage") {};
    static final long EMIT_EVERY_MS = 1000;
    private static final String RESPONSES = "@responses";
    private static final String ROLE = "@role:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String campaignsFolder;
    private transient Campaigns campaigns;
    /** campaign|counter → sum */
    private transient MapState<String, Long> sums;
    /** campaign → self-assessment inputs (JSON) */
    private transient MapState<String, String> inputs;
    /** campaign → changes applied */
    private transient MapState<String, Long> changes;
    /** campaigns changed since the last emission */
    private transient MapState<String, Boolean> dirty;
    private transient ValueState<String> registry;
    private transient ValueState<Long> registryUpdates;
    private transient ValueState<Long> emitTimer;

    /** @param campaignsFolder extra campaign files, or empty for the bundled ones only */
    public OrganizationResults(String campaignsFolder) {
        this.campaignsFolder = campaignsFolder;
    }

    public static String key(ScreenedResponse screened) {
        return screened.organizationId;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        campaigns = Campaigns.load(campaignsFolder);
        sums = getRuntimeContext().getMapState(new MapStateDescriptor<>("counter-sums", Types.STRING, Types.LONG));
        inputs = getRuntimeContext().getMapState(new MapStateDescriptor<>("self-assessments", Types.STRING, Types.STRING));
        changes = getRuntimeContext().getMapState(new MapStateDescriptor<>("changes", Types.STRING, Types.LONG));
        dirty = getRuntimeContext().getMapState(new MapStateDescriptor<>("dirty", Types.STRING, Types.BOOLEAN));
        registry = getRuntimeContext().getState(new ValueStateDescriptor<>("registry", Types.STRING));
        registryUpdates = getRuntimeContext().getState(new ValueStateDescriptor<>("registry-updates", Types.LONG));
        emitTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("emit-timer", Types.LONG));
    }

    @Override
    public void processElement1(ScreenedResponse screened, Context context, Collector<OrganizationMetricRow> out)
            throws Exception {
        String campaignId = screened.campaignId;
        if (screened.isRejected() || campaigns.find(campaignId).isEmpty()) {
            return;
        }
        add(campaignId, RESPONSES, 1);
        add(campaignId, ROLE + screened.respondentRole, 1);
        // Counted by the campaign's model when the response was decoded.
        for (int i = 0; i < screened.counterIds.length; i++) {
            add(campaignId, screened.counterIds[i], screened.counterValues[i]);
        }
        changed(campaignId, context);
    }

    @Override
    public void processElement2(OrganizationFact fact, Context context, Collector<OrganizationMetricRow> out)
            throws Exception {
        if (OrganizationFact.REGISTRY.equals(fact.kind)) {
            registry.update(fact.json);
            registryUpdates.update(registryUpdates.value() == null ? 1 : registryUpdates.value() + 1);
            for (String campaignId : changes.keys()) {
                dirty.put(campaignId, true);
                scheduleEmission(context);
            }
        } else {
            inputs.put(fact.campaignId, fact.json);
            changed(fact.campaignId, context);
        }
    }

    private void changed(String campaignId, Context context) throws Exception {
        Long applied = changes.get(campaignId);
        changes.put(campaignId, applied == null ? 1 : applied + 1);
        dirty.put(campaignId, true);
        scheduleEmission(context);
    }

    private void scheduleEmission(Context context) throws Exception {
        if (emitTimer.value() == null) {
            long at = context.timerService().currentProcessingTime() + EMIT_EVERY_MS;
            context.timerService().registerProcessingTimeTimer(at);
            emitTimer.update(at);
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext context, Collector<OrganizationMetricRow> out) throws Exception {
        emitTimer.clear();
        String organizationId = context.getCurrentKey();
        Organization organization = registry.value() == null ? null : RegistryJson.parse(registry.value());
        for (String campaignId : toList(dirty.keys())) {
            Optional<Campaign> campaign = campaigns.find(campaignId);
            if (campaign.isEmpty()) {
                continue;
            }
            SurveyCounters counters = counters(campaignId);
            String inputsJson = inputs.get(campaignId);
            Map<String, Integer> expertInputs = inputsJson == null ? Map.of()
                    : JSON.readValue(inputsJson, new TypeReference<Map<String, Integer>>() {});
            // Registry updates count for every campaign, whether they came before or after its responses.
            long version = changes.get(campaignId) + (registryUpdates.value() == null ? 0 : registryUpdates.value());
            // Coverage and the level need the registry entry; the figures do not.
            OrganizationResult result = organization == null ? null
                    : campaign.get().scoring().organization(organization, counters, expertInputs);
            List<Metric> metrics = result != null ? result.metrics() : campaign.get().model().score(counters, expertInputs);
            for (Metric metric : metrics) {
                out.collect(row(campaignId, organizationId, metric, counters.responses(), version));
            }
            if (result != null) {
                for (RoleCoverage role : result.coverage()) {
                    context.output(COVERAGE, coverage(campaignId, result, role, version));
                }
                context.output(SNAPSHOTS, snapshot(campaignId, organization, counters, inputsJson, version));
            }
        }
        dirty.clear();
    }

    private static OrganizationMetricRow row(String campaignId, String organizationId, Metric metric, long responses,
            long version) {
        OrganizationMetricRow row = new OrganizationMetricRow();
        row.campaignId = campaignId;
        row.organizationId = organizationId;
        row.metricId = metric.id();
        row.metricName = metric.name();
        row.value = metric.isDefined() ? metric.value() : 0;
        row.status = metric.status().name();
        row.responses = responses;
        row.version = version;
        return row;
    }

    private static CoverageRow coverage(String campaignId, OrganizationResult result, RoleCoverage role, long version) {
        CoverageRow row = CoverageRows.of(campaignId, role, result.level(), version);
        row.organizationId = result.organization().id();
        row.representative = result.representative() ? 1 : 0;
        return row;
    }

    private OrganizationSnapshot snapshot(String campaignId, Organization organization, SurveyCounters counters,
            String inputsJson, long version) throws Exception {
        OrganizationSnapshot snapshot = new OrganizationSnapshot();
        snapshot.campaignId = campaignId;
        snapshot.organizationId = organization.id();
        snapshot.region = organization.region();
        snapshot.registryJson = registry.value();
        snapshot.responses = counters.responses();
        snapshot.responsesByRoleJson = JSON.writeValueAsString(counters.responsesByRole());
        snapshot.countsJson = JSON.writeValueAsString(counters.counts());
        snapshot.inputsJson = inputsJson == null ? "{}" : inputsJson;
        snapshot.version = version;
        return snapshot;
    }

    /** The campaign's sums as the engine's counters. */
    private SurveyCounters counters(String campaignId) throws Exception {
        String prefix = campaignId + "|";
        long responses = 0;
        Map<String, Long> byRole = new HashMap<>();
        Map<String, Long> counts = new HashMap<>();
        for (Map.Entry<String, Long> sum : sums.entries()) {
            if (!sum.getKey().startsWith(prefix)) {
                continue;
            }
            String id = sum.getKey().substring(prefix.length());
            if (id.equals(RESPONSES)) {
                responses = sum.getValue();
            } else if (id.startsWith(ROLE)) {
                byRole.put(id.substring(ROLE.length()), sum.getValue());
            } else {
                counts.put(id, sum.getValue());
            }
        }
        return SurveyCounters.of(responses, byRole, counts);
    }

    private void add(String campaignId, String id, long amount) throws Exception {
        if (amount != 0) {
            String key = campaignId + "|" + id;
            Long current = sums.get(key);
            sums.put(key, (current == null ? 0 : current) + amount);
        }
    }

    /** A copy, since the state it comes from is cleared afterwards. */
    private static <T> List<T> toList(Iterable<T> items) {
        List<T> list = new java.util.ArrayList<>();
        items.forEach(list::add);
        return list;
    }
}
