package ru.noko.pipeline.response;

import java.io.IOException;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.pipeline.campaign.CampaignBook;
import ru.noko.schemas.privacy.Pseudonymizer;
import ru.noko.schemas.response.SurveyResponseCodec;
import ru.noko.schemas.response.UndecodableResponseException;

/**
 * Reads the responses topic: each record becomes a {@link ResponseRow}, or an {@link UndecodableRecord} with the
 * reason when the bytes are not a response of a known schema version. The job never fails on its input.
 */
public class IncomingRecordDeserializer implements KafkaRecordDeserializationSchema<IncomingRecord> {

    private final String pseudonymKey;
    private final CampaignBook book;
    private transient SurveyResponseCodec codec;
    private transient Pseudonymizer pseudonymizer;
    private transient Campaigns campaigns;

    /**
     * @param book the campaigns the job started with, whose models count the answers here; responses of campaigns
     *     published later are counted by {@code CampaignRulesCheck}
     */
    public IncomingRecordDeserializer(String pseudonymKey, CampaignBook book) {
        this.pseudonymKey = pseudonymKey;
        this.book = book;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws IOException {
        codec = new SurveyResponseCodec();
        pseudonymizer = new Pseudonymizer(pseudonymKey);
        campaigns = book.initial();
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<IncomingRecord> out) {
        byte[] value = record.value();
        try {
            if (value == null) {
                throw new UndecodableResponseException("empty record (tombstone)", null);
            }
            out.collect(IncomingRecord.of(ResponseRows.from(
                    codec.decode(value), record.partition(), record.offset(), pseudonymizer, campaigns)));
        } catch (UndecodableResponseException | NullPointerException e) {
            out.collect(IncomingRecord.of(UndecodableRecord.of(record, e.getMessage()), record.timestamp()));
        }
    }

    @Override
    public TypeInformation<IncomingRecord> getProducedType() {
        return TypeInformation.of(IncomingRecord.class);
    }
}
