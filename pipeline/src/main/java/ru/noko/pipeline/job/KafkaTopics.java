package ru.noko.pipeline.job;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import ru.noko.pipeline.antifraud.SessionDeserializer;
import ru.noko.pipeline.campaign.CampaignBook;
import ru.noko.pipeline.campaign.CampaignTextDeserializer;
import ru.noko.pipeline.response.IncomingRecord;
import ru.noko.pipeline.response.IncomingRecordDeserializer;
import ru.noko.pipeline.results.OrganizationFact;
import ru.noko.pipeline.results.OrganizationFactDeserializer;

/**
 * The job's inputs read from Kafka, one topic each. Event time of the responses is the gateway's receivedAt, with
 * watermarks that trail the newest response by the out-of-orderness bound and follow the clock when the topic is
 * quiet ({@link CatchUpWhenQuiet}); the other topics hold no watermark back ({@link NeverHoldBack}). The campaigns
 * topic is read from where the last checkpoint left it: what was published before the job started is in its
 * {@link CampaignBook} already, and reading it again changes nothing.
 */
final class KafkaTopics {

    private static final String SESSIONS = "-sessions";
    private static final String CAMPAIGNS = "-campaigns";

    private KafkaTopics() {}

    static IngestSources read(StreamExecutionEnvironment env, PipelineConfig config, CampaignBook book) {
        Duration outOfOrderness = config.maxOutOfOrderness();
        Duration catchUp = config.quietCatchUp();
        Duration idleness = config.sourceIdleness();
        WatermarkStrategy<IncomingRecord> eventTime = WatermarkStrategy.<IncomingRecord>forGenerator(
                        context -> new CatchUpWhenQuiet<>(
                                outOfOrderness,
                                catchUp,
                                idleness,
                                context.getInputActivityClock(),
                                System::currentTimeMillis))
                .withTimestampAssigner((record, kafkaTimestamp) -> record.eventTimeMillis);
        return new IngestSources(
                env.fromSource(
                                source(
                                        config,
                                        config.responsesTopic(),
                                        "",
                                        new IncomingRecordDeserializer(config.pseudonymKey(), book)),
                                eventTime,
                                "survey responses from Kafka")
                        .uid("kafka-survey-responses"),
                env.fromSource(
                                source(
                                        config,
                                        config.sessionsTopic(),
                                        SESSIONS,
                                        new SessionDeserializer(config.pseudonymKey())),
                                NeverHoldBack.strategy(),
                                "organized sessions from Kafka")
                        .uid("kafka-organized-sessions"),
                env.fromSource(
                                facts(config, config.organizationsTopic(), OrganizationFact.REGISTRY),
                                NeverHoldBack.strategy(),
                                "organizations from Kafka")
                        .uid("kafka-organizations"),
                env.fromSource(
                                facts(config, config.selfAssessmentsTopic(), OrganizationFact.SELF_ASSESSMENT),
                                NeverHoldBack.strategy(),
                                "self-assessments from Kafka")
                        .uid("kafka-self-assessments"),
                env.fromSource(
                                facts(config, config.verdictCorrectionsTopic(), OrganizationFact.VERDICT_CORRECTION),
                                NeverHoldBack.strategy(),
                                "verdict corrections from Kafka")
                        .uid("kafka-verdict-corrections"),
                env.fromSource(
                                source(config, config.campaignsTopic(), CAMPAIGNS, new CampaignTextDeserializer()),
                                NeverHoldBack.strategy(),
                                "campaigns from Kafka")
                        .uid("kafka-campaigns"));
    }

    /**
     * Each topic's consumer group, to which the job commits the offsets of every completed checkpoint: what the last
     * checkpoint holds of each topic, for whoever watches the job from outside.
     */
    static Map<String, String> consumerGroups(PipelineConfig config) {
        return Map.of(
                config.campaignsTopic(),
                config.consumerGroup() + CAMPAIGNS,
                config.responsesTopic(),
                config.consumerGroup(),
                config.sessionsTopic(),
                config.consumerGroup() + SESSIONS,
                config.organizationsTopic(),
                config.consumerGroup() + "-" + OrganizationFact.REGISTRY,
                config.selfAssessmentsTopic(),
                config.consumerGroup() + "-" + OrganizationFact.SELF_ASSESSMENT,
                config.verdictCorrectionsTopic(),
                config.consumerGroup() + "-" + OrganizationFact.VERDICT_CORRECTION);
    }

    /** Facts of one kind; each kind has a consumer group of its own, as it had when the topics were added. */
    private static KafkaSource<OrganizationFactDeserializer.Incoming> facts(
            PipelineConfig config, String topic, String kind) {
        return source(config, topic, "-" + kind, new OrganizationFactDeserializer(kind));
    }

    /** A source of one topic: offsets in checkpoints (committed back on each), from the beginning on first start. */
    private static <T> KafkaSource<T> source(
            PipelineConfig config, String topic, String groupSuffix, KafkaRecordDeserializationSchema<T> deserializer) {
        return KafkaSource.<T>builder()
                .setBootstrapServers(config.kafkaBootstrapServers())
                .setTopics(topic)
                .setGroupId(config.consumerGroup() + groupSuffix)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(deserializer)
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
    }
}
