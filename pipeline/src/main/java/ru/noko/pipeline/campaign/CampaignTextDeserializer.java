package ru.noko.pipeline.campaign;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads the campaigns topic: key = campaign id, value = the campaign file's text; a record without either is skipped. */
public class CampaignTextDeserializer implements KafkaRecordDeserializationSchema<CampaignText> {

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<CampaignText> out) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        out.collect(CampaignText.of(
                new String(record.key(), StandardCharsets.UTF_8),
                new String(record.value(), StandardCharsets.UTF_8),
                record.offset()));
    }

    @Override
    public TypeInformation<CampaignText> getProducedType() {
        return TypeInformation.of(CampaignText.class);
    }
}
