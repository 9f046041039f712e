package ru.noko.pipeline.job;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.noko.methodology.campaign.AntiFraudSettings;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.pipeline.antifraud.OrganizedSession;
import ru.noko.pipeline.antifraud.ResponseScreening;
import ru.noko.pipeline.antifraud.ScreenedResponse;
import ru.noko.pipeline.antifraud.SessionDeserializer;
import ru.noko.pipeline.antifraud.SplitUndecodableSessions;
import ru.noko.pipeline.clickhouse.CampaignCatalog;
import ru.noko.pipeline.clickhouse.ClickHouseSinks;
import ru.noko.pipeline.clickhouse.CoverageInsert;
import ru.noko.pipeline.clickhouse.LateResponseInsert;
import ru.noko.pipeline.clickhouse.OrganizationResultInsert;
import ru.noko.pipeline.clickhouse.OrganizedSessionInsert;
import ru.noko.pipeline.clickhouse.RegistryInsert;
import ru.noko.pipeline.clickhouse.ResponseVerdictInsert;
import ru.noko.pipeline.clickhouse.SelfAssessmentInsert;
import ru.noko.pipeline.clickhouse.SurveyResponseInsert;
import ru.noko.pipeline.clickhouse.TerritoryResultInsert;
import ru.noko.pipeline.clickhouse.UndecodableRecordInsert;
import ru.noko.pipeline.response.IncomingRecord;
import ru.noko.pipeline.response.IncomingRecordDeserializer;
import ru.noko.pipeline.response.ResponseRow;
import ru.noko.pipeline.response.SplitUndecodable;
import ru.noko.pipeline.results.OrganizationFact;
import ru.noko.pipeline.results.OrganizationFactDeserializer;
import ru.noko.pipeline.results.OrganizationMetricRow;
import ru.noko.pipeline.results.OrganizationResults;
import ru.noko.pipeline.results.OrganizationSnapshot;
import ru.noko.pipeline.results.SplitUndecodableFacts;
import ru.noko.pipeline.results.TerritoryMetricRow;
import ru.noko.pipeline.results.TerritoryResults;
import ru.noko.schemas.clickhouse.ClickHouseMigrator;

/**
 * Survey responses from Kafka into ClickHouse: every response once in {@code survey_responses}, its anti-fraud
 * verdict in {@code response_verdicts}, every unreadable record in {@code undecodable_records}. Event time is the
 * gateway's receivedAt, which no respondent can set.
 */
public final class ResponseIngestJob {

    public static final String NAME = "noko-response-ingest";
    private static final Logger LOG = LoggerFactory.getLogger(ResponseIngestJob.class);

    private ResponseIngestJob() {}

    public static void main(String[] args) throws Exception {
        PipelineConfig config = PipelineConfig.fromEnvironment(System.getenv());
        LOG.info("Starting {} with {}", NAME, config);
        new ClickHouseMigrator(config.clickHouse()).migrate();
        CampaignCatalog.write(config.clickHouse(), Campaigns.load(config.campaignsFolder()), System.currentTimeMillis());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(config));
        defineWorkflow(env, config);
        env.execute(NAME);
    }

    /** Checkpointing settings; the caller may add its own (a restore path, say) before building the environment. */
    public static Configuration flinkConfiguration(PipelineConfig config) {
        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.checkpointInterval());
        flink.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointDirectory());
        // A cancelled job keeps its last checkpoint, so it can be started again from there.
        flink.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        // Chained operators hand records on without a copy. Safe here: every function emits objects it created,
        // none changes or keeps a record after emitting it, and the JDBC sinks copy what they batch.
        flink.set(PipelineOptions.OBJECT_REUSE, true);
        return flink;
    }

    /** A source of one topic: offsets in checkpoints (committed back on each), from the beginning on first start. */
    private static <T> KafkaSource<T> source(PipelineConfig config, String topic, String groupSuffix,
            KafkaRecordDeserializationSchema<T> deserializer) {
        return KafkaSource.<T>builder()
                .setBootstrapServers(config.kafkaBootstrapServers())
                .setTopics(topic)
                .setGroupId(config.consumerGroup() + groupSuffix)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(deserializer)
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
    }

    /** The workflow with the anti-fraud rules of the campaigns this deployment knows. */
    public static void defineWorkflow(StreamExecutionEnvironment env, PipelineConfig config) throws IOException {
        defineWorkflow(env, config, antiFraudSettings(Campaigns.load(config.campaignsFolder())));
    }

    /** Each known campaign's anti-fraud rules; responses of other campaigns get the defaults. */
    public static Map<String, AntiFraudSettings> antiFraudSettings(Campaigns campaigns) {
        Map<String, AntiFraudSettings> settings = new HashMap<>();
        campaigns.all().forEach(campaign -> settings.put(campaign.id(), campaign.definition().antiFraud()));
        return settings;
    }

    public static void defineWorkflow(StreamExecutionEnvironment env, PipelineConfig config,
            Map<String, AntiFraudSettings> antiFraud) {
        if (config.parallelism() > 0) {
            env.setParallelism(config.parallelism());
        }
        KafkaSource<IncomingRecord> source = source(config, config.responsesTopic(), "",
                new IncomingRecordDeserializer(config.pseudonymKey(), campaignsFolder(config)));

        Duration outOfOrderness = config.maxOutOfOrderness();
        Duration catchUp = config.quietCatchUp();
        Duration idleness = config.sourceIdleness();
        WatermarkStrategy<IncomingRecord> eventTime = WatermarkStrategy
                .<IncomingRecord>forGenerator(context -> new CatchUpWhenQuiet<>(outOfOrderness, catchUp, idleness,
                        context.getInputActivityClock(), System::currentTimeMillis))
                .withTimestampAssigner((record, kafkaTimestamp) -> record.eventTimeMillis);

        SingleOutputStreamOperator<ResponseRow> responses = env
                .fromSource(source, eventTime, "survey responses from Kafka").uid("kafka-survey-responses")
                .process(new SplitUndecodable()).uid("split-undecodable").name("split undecodable records");

        responses.sinkTo(ClickHouseSinks.sink(config, new SurveyResponseInsert()))
                .uid("clickhouse-survey-responses").name("ClickHouse survey_responses");
        SingleOutputStreamOperator<OrganizedSession> sessions = env
                .fromSource(source(config, config.sessionsTopic(), "-sessions", new SessionDeserializer(config.pseudonymKey())),
                        NeverHoldBack.strategy(), "organized sessions from Kafka")
                .uid("kafka-organized-sessions")
                .process(new SplitUndecodableSessions()).uid("split-undecodable-sessions")
                .name("split undecodable sessions");
        DataStream<ScreenedResponse> screened = screen(config, responses, sessions, antiFraud);
        SingleOutputStreamOperator<OrganizationFact> facts = liveResults(env, config, screened);
        responses.getSideOutput(SplitUndecodable.UNDECODABLE)
                .union(sessions.getSideOutput(SplitUndecodable.UNDECODABLE),
                        facts.getSideOutput(SplitUndecodable.UNDECODABLE))
                .sinkTo(ClickHouseSinks.sink(config, new UndecodableRecordInsert()))
                .uid("clickhouse-undecodable-records").name("ClickHouse undecodable_records");
    }

    /** Extra campaign files for the operators that load campaigns, or empty for the bundled ones only. */
    private static String campaignsFolder(PipelineConfig config) {
        return config.campaignsFolder().map(Path::toString).orElse("");
    }

    /** Every response judged by the anti-fraud checks, verdicts and late arrivals stored, sessions kept. */
    private static DataStream<ScreenedResponse> screen(PipelineConfig config, DataStream<ResponseRow> responses,
            DataStream<OrganizedSession> sessions, Map<String, AntiFraudSettings> antiFraud) {
        sessions.sinkTo(ClickHouseSinks.sink(config, new OrganizedSessionInsert()))
                .uid("clickhouse-organized-sessions").name("ClickHouse organized_sessions");
        ResponseScreening.Screened screened = ResponseScreening.screen(responses, sessions, antiFraud);
        screened.late().sinkTo(ClickHouseSinks.sink(config, new LateResponseInsert()))
                .uid("clickhouse-late-responses").name("ClickHouse late_responses");
        screened.responses().sinkTo(ClickHouseSinks.sink(config, new ResponseVerdictInsert()))
                .uid("clickhouse-response-verdicts").name("ClickHouse response_verdicts");
        return screened.responses();
    }

    /**
     * Live figures and coverage per organization from the judged responses, the registry, the self-assessments and
     * the verdicts the batch re-check corrected, rolled up to municipalities and regions. Returns the facts stream, whose unreadable records the caller stores.
     */
    private static SingleOutputStreamOperator<OrganizationFact> liveResults(StreamExecutionEnvironment env,
            PipelineConfig config, DataStream<ScreenedResponse> screened) {
        String campaignsFolder = campaignsFolder(config);
        SingleOutputStreamOperator<OrganizationFact> facts = env
                .fromSource(source(config, config.organizationsTopic(), "-" + OrganizationFact.REGISTRY,
                        new OrganizationFactDeserializer(OrganizationFact.REGISTRY, campaignsFolder)),
                        NeverHoldBack.strategy(), "organizations from Kafka")
                .uid("kafka-organizations")
                .union(env.fromSource(source(config, config.selfAssessmentsTopic(), "-" + OrganizationFact.SELF_ASSESSMENT,
                                new OrganizationFactDeserializer(OrganizationFact.SELF_ASSESSMENT, campaignsFolder)),
                        NeverHoldBack.strategy(), "self-assessments from Kafka").uid("kafka-self-assessments"),
                        env.fromSource(source(config, config.verdictCorrectionsTopic(), "-" + OrganizationFact.VERDICT_CORRECTION,
                                new OrganizationFactDeserializer(OrganizationFact.VERDICT_CORRECTION, campaignsFolder)),
                        NeverHoldBack.strategy(), "verdict corrections from Kafka").uid("kafka-verdict-corrections"))
                .process(new SplitUndecodableFacts()).uid("split-undecodable-facts").name("split undecodable facts");
        facts.filter(fact -> OrganizationFact.REGISTRY.equals(fact.kind)).uid("registry-entries").name("registry entries")
                .sinkTo(ClickHouseSinks.sink(config, new RegistryInsert()))
                .uid("clickhouse-organizations").name("ClickHouse organizations");
        facts.filter(fact -> OrganizationFact.SELF_ASSESSMENT.equals(fact.kind)).uid("self-assessments-filed")
                .name("self-assessments filed")
                .sinkTo(ClickHouseSinks.sink(config, new SelfAssessmentInsert()))
                .uid("clickhouse-self-assessments").name("ClickHouse self_assessments");
        SingleOutputStreamOperator<OrganizationMetricRow> organizationResults = screened
                .keyBy(OrganizationResults::key)
                .connect(facts.keyBy(fact -> fact.organizationId))
                .process(new OrganizationResults(campaignsFolder)).uid("organization-results").name("organization results");
        organizationResults.sinkTo(ClickHouseSinks.sink(config, new OrganizationResultInsert()))
                .uid("clickhouse-organization-results").name("ClickHouse organization_results");
        organizationResults.getSideOutput(OrganizationResults.COVERAGE)
                .sinkTo(ClickHouseSinks.sink(config, new CoverageInsert.Organizations()))
                .uid("clickhouse-organization-coverage").name("ClickHouse organization_coverage");
        SingleOutputStreamOperator<TerritoryMetricRow> territoryResults = organizationResults
                .getSideOutput(OrganizationResults.SNAPSHOTS)
                .keyBy(OrganizationSnapshot::territoryKey)
                .process(new TerritoryResults(campaignsFolder)).uid("territory-results").name("territory results");
        territoryResults.sinkTo(ClickHouseSinks.sink(config, new TerritoryResultInsert()))
                .uid("clickhouse-territory-results").name("ClickHouse territory_results");
        territoryResults.getSideOutput(TerritoryResults.COVERAGE)
                .sinkTo(ClickHouseSinks.sink(config, new CoverageInsert.Territories()))
                .uid("clickhouse-territory-coverage").name("ClickHouse territory_coverage");
        return facts;
    }
}
