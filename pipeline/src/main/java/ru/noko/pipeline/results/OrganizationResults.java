package ru.noko.pipeline.results;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
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
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.methodology.scoring.Metric;
import ru.noko.methodology.scoring.SurveyCounters;
import ru.noko.pipeline.antifraud.ScreenedResponse;

/**
 * Live figures of an organization: keyed by campaign and organization, the accepted responses' counters are summed in
 * keyed state — the mergeable {@link SurveyCounters} of the methodology engine — and the campaign's model computes the
 * figures from them and the organization's latest self-assessment, the same code the batch {@code score} command
 * runs. Rejected responses are not counted; a self-assessment arriving updates the figures that depend on it.
 *
 * <p>Figures are emitted at most once a second per organization (a processing-time timer coalesces a burst). Their
 * version counts the changes applied (responses and self-assessments), so the newest state replaces older ones and a
 * replay of the same input writes the same final version.
 */
public class OrganizationResults
        extends KeyedCoProcessFunction<String, ScreenedResponse, SelfAssessmentRecord, OrganizationMetricRow> {

    static final long EMIT_EVERY_MS = 1000;
    private static final String RESPONSES = "@responses";
    private static final String ROLE = "@role:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String campaignsFolder;
    private transient Campaigns campaigns;
    private transient MapState<String, Long> sums;
    private transient ValueState<Long> emitTimer;
    private transient ValueState<String> identity;
    private transient ValueState<String> inputs;
    private transient ValueState<Long> changes;

    /** @param campaignsFolder extra campaign files, or empty for the bundled ones only */
    public OrganizationResults(String campaignsFolder) {
        this.campaignsFolder = campaignsFolder;
    }

    public static String key(ScreenedResponse screened) {
        return screened.response.campaignId + "|" + screened.response.organizationId;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        campaigns = Campaigns.load(campaignsFolder.isEmpty() ? Optional.empty() : Optional.of(Path.of(campaignsFolder)));
        sums = getRuntimeContext().getMapState(new MapStateDescriptor<>("counter-sums", Types.STRING, Types.LONG));
        emitTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("emit-timer", Types.LONG));
        identity = getRuntimeContext().getState(new ValueStateDescriptor<>("campaign-organization", Types.STRING));
        inputs = getRuntimeContext().getState(new ValueStateDescriptor<>("self-assessment", Types.STRING));
        changes = getRuntimeContext().getState(new ValueStateDescriptor<>("changes", Types.LONG));
    }

    @Override
    public void processElement1(ScreenedResponse screened, Context context, Collector<OrganizationMetricRow> out)
            throws Exception {
        Optional<Campaign> campaign = campaigns.find(screened.response.campaignId);
        if (screened.isRejected() || campaign.isEmpty()) {
            return;
        }
        Map<String, Object> answers = JSON.readValue(screened.response.answersJson, new TypeReference<>() {});
        String role = screened.response.respondentRole;
        add(RESPONSES, 1);
        add(ROLE + role, 1);
        for (Map.Entry<String, Long> count : campaign.get().model().countsOf(role, answers).entrySet()) {
            add(count.getKey(), count.getValue());
        }
        changed(screened.response.campaignId + "|" + screened.response.organizationId, context);
    }

    @Override
    public void processElement2(SelfAssessmentRecord assessment, Context context, Collector<OrganizationMetricRow> out)
            throws Exception {
        inputs.update(assessment.inputsJson);
        changed(SelfAssessmentRecord.key(assessment), context);
    }

    private void changed(String campaignAndOrganization, Context context) throws Exception {
        identity.update(campaignAndOrganization);
        changes.update(changes.value() == null ? 1 : changes.value() + 1);
        if (emitTimer.value() == null) {
            long at = context.timerService().currentProcessingTime() + EMIT_EVERY_MS;
            context.timerService().registerProcessingTimeTimer(at);
            emitTimer.update(at);
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext context, Collector<OrganizationMetricRow> out) throws Exception {
        emitTimer.clear();
        String[] key = identity.value().split("\\|", 2);
        Campaign campaign = campaigns.find(key[0]).orElseThrow();
        SurveyCounters counters = counters();
        Map<String, Integer> expertInputs = inputs.value() == null ? Map.of()
                : JSON.readValue(inputs.value(), new TypeReference<Map<String, Integer>>() {});
        List<Metric> metrics = campaign.model().score(counters, expertInputs);
        for (Metric metric : metrics) {
            OrganizationMetricRow row = new OrganizationMetricRow();
            row.campaignId = key[0];
            row.organizationId = key[1];
            row.metricId = metric.id();
            row.metricName = metric.name();
            row.value = metric.isDefined() ? metric.value() : 0;
            row.status = metric.status().name();
            row.responses = counters.responses();
            row.version = changes.value();
            out.collect(row);
        }
    }

    /** The state's sums as the engine's counters. */
    SurveyCounters counters() throws Exception {
        long responses = 0;
        Map<String, Long> byRole = new HashMap<>();
        Map<String, Long> counts = new HashMap<>();
        for (Map.Entry<String, Long> sum : sums.entries()) {
            if (sum.getKey().equals(RESPONSES)) {
                responses = sum.getValue();
            } else if (sum.getKey().startsWith(ROLE)) {
                byRole.put(sum.getKey().substring(ROLE.length()), sum.getValue());
            } else {
                counts.put(sum.getKey(), sum.getValue());
            }
        }
        return SurveyCounters.of(responses, byRole, counts);
    }

    private void add(String id, long amount) throws Exception {
        if (amount != 0) {
            Long current = sums.get(id);
            sums.put(id, (current == null ? 0 : current) + amount);
        }
    }
}
