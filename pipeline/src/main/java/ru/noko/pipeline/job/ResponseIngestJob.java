package ru.noko.pipeline.job;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.pipeline.campaign.CampaignBook;
import ru.noko.pipeline.campaign.CampaignTopic;
import ru.noko.pipeline.clickhouse.CampaignCatalog;
import ru.noko.pipeline.clickhouse.ClickHouseSinks;
import ru.noko.schemas.clickhouse.ClickHouseMigrator;

/**
 * Survey responses from Kafka into ClickHouse: the {@link IngestWorkflow} wired to the topics and tables a
 * {@link PipelineConfig} names. Every response once in {@code survey_responses}, its anti-fraud verdict in
 * {@code response_verdicts}, every unreadable record in {@code undecodable_records}, the live figures beside them.
 * Event time is the gateway's receivedAt, which no respondent can set.
 */
public final class ResponseIngestJob {

    public static final String NAME = "noko-response-ingest";
    private static final Logger LOG = LoggerFactory.getLogger(ResponseIngestJob.class);

    private ResponseIngestJob() {}

    public static void main(String[] args) throws Exception {
        PipelineConfig config = PipelineConfig.fromEnvironment(System.getenv());
        LOG.info("Starting {} with {}", NAME, config);
        new ClickHouseMigrator(config.clickHouse()).migrate();
        CampaignBook book = campaignBook(config);
        CampaignCatalog.write(config.clickHouse(), book.initial(), System.currentTimeMillis());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(config));
        defineWorkflow(env, config, book);
        env.execute(NAME);
    }

    /** Checkpointing settings; the caller may add its own (a restore path, say) before building the environment. */
    static final Duration WATERMARK_INTERVAL = Duration.ofMillis(100);

    public static Configuration flinkConfiguration(PipelineConfig config) {
        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.checkpointInterval());
        flink.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointDirectory());
        // hashmap: state on the heap, every checkpoint a full copy. rocksdb: state on local disk, read through
        // managed memory, and a checkpoint uploads only the files written since the last one.
        flink.set(StateBackendOptions.STATE_BACKEND, config.stateBackend());
        flink.set(
                CheckpointingOptions.INCREMENTAL_CHECKPOINTS,
                config.stateBackend().equals("rocksdb"));
        // A cancelled job keeps its last checkpoint, so it can be started again from there.
        flink.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        // Chained operators hand records on without a copy. Safe here: every function emits objects it created,
        // none changes or keeps a record after emitting it, and the JDBC sinks copy what they batch.
        flink.set(PipelineOptions.OBJECT_REUSE, true);
        // A verdict waits for the watermark to pass its receipt: the bound, plus up to one watermark interval.
        flink.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, WATERMARK_INTERVAL);
        return flink;
    }

    /**
     * The campaigns the job starts with: the bundled ones, {@code NOKO_CAMPAIGNS_DIR}'s, and the campaigns topic's as
     * it is now (a campaign published there replaces a file's of the same id). Read once here; the operators get the
     * texts, not a folder.
     */
    public static CampaignBook campaignBook(PipelineConfig config) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>(Campaigns.texts(config.campaignsFolder()));
        texts.putAll(CampaignTopic.read(config.kafkaBootstrapServers(), config.campaignsTopic()));
        CampaignBook book = CampaignBook.of(texts);
        book.initial(); // fails here, before the job is submitted, on a catalog that does not fit together
        return book;
    }

    /** The workflow over the campaigns the configuration names ({@link #campaignBook}). */
    public static void defineWorkflow(StreamExecutionEnvironment env, PipelineConfig config) throws IOException {
        defineWorkflow(env, config, campaignBook(config));
    }

    /** The workflow reading the configured Kafka topics and writing the configured ClickHouse database. */
    public static void defineWorkflow(StreamExecutionEnvironment env, PipelineConfig config, CampaignBook book) {
        if (config.parallelism() > 0) {
            env.setParallelism(config.parallelism());
        }
        ClickHouseSinks sinks = new ClickHouseSinks(
                config.clickHouse(), config.sinkBatchSize(), config.sinkFlushInterval(), config.liveFlushInterval());
        IngestWorkflow.define(KafkaTopics.read(env, config, book), new ClickHouseTables(sinks), book);
    }
}
