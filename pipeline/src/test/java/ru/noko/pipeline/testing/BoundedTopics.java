package ru.noko.pipeline.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.pipeline.antifraud.SessionDeserializer;
import ru.noko.pipeline.campaign.CampaignBook;
import ru.noko.pipeline.campaign.CampaignText;
import ru.noko.pipeline.generator.GeneratedCampaign;
import ru.noko.pipeline.job.IngestSources;
import ru.noko.pipeline.response.IncomingRecord;
import ru.noko.pipeline.response.IncomingRecordDeserializer;
import ru.noko.pipeline.results.OrganizationFact;
import ru.noko.pipeline.results.OrganizationFactDeserializer;
import ru.noko.schemas.avro.SurveyResponse;
import ru.noko.schemas.response.SurveyResponseCodec;

/**
 * The job's topics as bounded inputs: records are given as Kafka would hold them (Avro responses, JSON facts, any
 * bytes) and read by the job's own deserializers, each topic one partition with offsets from 0. On a local
 * environment no watermark moves before the end of input: every session and fact is in before any response is
 * judged, and the checks release the responses in event-time order, so the results do not depend on timing.
 */
public final class BoundedTopics {

    private final SurveyResponseCodec codec = new SurveyResponseCodec();
    private final List<byte[]> responses = new ArrayList<>();
    private final List<byte[]> sessions = new ArrayList<>();
    private final List<byte[]> registry = new ArrayList<>();
    private final List<byte[]> selfAssessments = new ArrayList<>();
    private final List<byte[]> verdictCorrections = new ArrayList<>();
    private final List<CampaignText> campaigns = new ArrayList<>();
    private final Set<String> publishedLater = new HashSet<>();

    /** A generated campaign's responses, registry, self-assessments and organized sessions. */
    public static BoundedTopics of(GeneratedCampaign campaign) {
        BoundedTopics topics = new BoundedTopics().responses(campaign.responses());
        campaign.registry().forEach(topics::registryEntry);
        campaign.selfAssessments().forEach(topics::selfAssessment);
        campaign.sessions().forEach(topics::session);
        return topics;
    }

    public BoundedTopics responses(List<SurveyResponse> sent) {
        sent.forEach(response -> responses.add(codec.encode(response)));
        return this;
    }

    /** A record on the responses topic that may not be a response at all. */
    public BoundedTopics rawResponse(byte[] value) {
        responses.add(value);
        return this;
    }

    public BoundedTopics session(String json) {
        sessions.add(bytes(json));
        return this;
    }

    public BoundedTopics registryEntry(String json) {
        registry.add(bytes(json));
        return this;
    }

    public BoundedTopics selfAssessment(String json) {
        selfAssessments.add(bytes(json));
        return this;
    }

    public BoundedTopics verdictCorrection(String json) {
        verdictCorrections.add(bytes(json));
        return this;
    }

    /** A campaign published while the job runs, as the campaigns topic carries it. */
    public BoundedTopics campaign(String id, String text) {
        campaigns.add(CampaignText.of(id, text, campaigns.size()));
        return this;
    }

    /**
     * A bundled campaign the job does not know when it starts: it comes on the campaigns topic instead, as one the
     * operator opened while the job runs.
     */
    public BoundedTopics publishedLater(String id) throws IOException {
        publishedLater.add(id);
        return campaign(id, Campaigns.texts(Optional.empty()).get(id));
    }

    /** The campaigns a job starts with: the bundled ones. */
    public static CampaignBook bundled() throws IOException {
        return CampaignBook.of(Campaigns.texts(Optional.empty()));
    }

    /** The campaigns this job starts with: the bundled ones but those published later. */
    public CampaignBook book() throws IOException {
        Map<String, String> texts = new LinkedHashMap<>(Campaigns.texts(Optional.empty()));
        texts.keySet().removeAll(publishedLater);
        return CampaignBook.of(texts);
    }

    /** The inputs of the ingest workflow, with the bundled campaigns. */
    public IngestSources sources(StreamExecutionEnvironment env) throws Exception {
        List<IncomingRecord> readResponses =
                read("responses", responses, new IncomingRecordDeserializer(SurveyResponses.TEST_KEY, book()));
        return new IngestSources(
                env.fromData(readResponses, TypeInformation.of(IncomingRecord.class))
                        .assignTimestampsAndWatermarks(WatermarkStrategy.<IncomingRecord>noWatermarks()
                                .withTimestampAssigner((record, ignored) -> record.eventTimeMillis)),
                stream(
                        env,
                        read("sessions", sessions, new SessionDeserializer(SurveyResponses.TEST_KEY)),
                        SessionDeserializer.Incoming.class),
                facts(env, "organizations", registry, OrganizationFact.REGISTRY),
                facts(env, "self-assessments", selfAssessments, OrganizationFact.SELF_ASSESSMENT),
                facts(env, "verdict-corrections", verdictCorrections, OrganizationFact.VERDICT_CORRECTION),
                stream(env, campaigns, CampaignText.class));
    }

    private static DataStream<OrganizationFactDeserializer.Incoming> facts(
            StreamExecutionEnvironment env, String topic, List<byte[]> values, String kind) throws Exception {
        return stream(
                env,
                read(topic, values, new OrganizationFactDeserializer(kind)),
                OrganizationFactDeserializer.Incoming.class);
    }

    /**
     * A side input: without watermarks it holds the responses' back until all of it has been read. An empty topic is
     * a source of no records (one from a collection needs an element).
     */
    private static <T> DataStream<T> stream(StreamExecutionEnvironment env, List<T> records, Class<T> type) {
        if (records.isEmpty()) {
            FlatMapFunction<Long, T> nothing = (ignored, out) -> {};
            return env.fromData(0L)
                    .flatMap(nothing)
                    .returns(TypeInformation.of(type))
                    .name("empty topic");
        }
        return env.fromData(records, TypeInformation.of(type));
    }

    private static <T> List<T> read(String topic, List<byte[]> values, KafkaRecordDeserializationSchema<T> schema)
            throws Exception {
        schema.open(null);
        List<T> read = new ArrayList<>();
        ListCollector<T> out = new ListCollector<>(read);
        for (int offset = 0; offset < values.size(); offset++) {
            schema.deserialize(new ConsumerRecord<>(topic, 0, offset, null, values.get(offset)), out);
        }
        return read;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
