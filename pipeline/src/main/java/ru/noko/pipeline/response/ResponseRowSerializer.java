package ru.noko.pipeline.response;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import ru.noko.pipeline.exchange.ExchangeSerializer;
import ru.noko.pipeline.exchange.ExchangeType;

/** {@link ResponseRow} from the source to the first check: every field, in declaration order. */
public final class ResponseRowSerializer extends ExchangeSerializer<ResponseRow> {

    private static final long serialVersionUID = 1L;

    /** The stream type of responses read from Kafka. */
    public static final ExchangeType<ResponseRow> TYPE =
            new ExchangeType<>(ResponseRow.class, new ResponseRowSerializer());

    @Override
    public ResponseRow createInstance() {
        return new ResponseRow();
    }

    @Override
    public ResponseRow copy(ResponseRow from) {
        ResponseRow row = new ResponseRow();
        row.responseId = from.responseId;
        row.campaignId = from.campaignId;
        row.organizationId = from.organizationId;
        row.respondentRole = from.respondentRole;
        row.answersJson = from.answersJson;
        row.startedAtMillis = from.startedAtMillis;
        row.submittedAtMillis = from.submittedAtMillis;
        row.receivedAtMillis = from.receivedAtMillis;
        row.ipHmac = from.ipHmac;
        row.userAgent = from.userAgent;
        row.deviceToken = from.deviceToken;
        row.emailHmac = from.emailHmac;
        row.idempotencyKey = from.idempotencyKey;
        row.counts = from.counts == null ? null : from.counts.clone();
        row.kafkaPartition = from.kafkaPartition;
        row.kafkaOffset = from.kafkaOffset;
        return row;
    }

    @Override
    public void serialize(ResponseRow row, DataOutputView target) throws IOException {
        writeString(row.responseId, target);
        writeString(row.campaignId, target);
        writeString(row.organizationId, target);
        writeString(row.respondentRole, target);
        writeString(row.answersJson, target);
        target.writeLong(row.startedAtMillis);
        target.writeLong(row.submittedAtMillis);
        target.writeLong(row.receivedAtMillis);
        writeString(row.ipHmac, target);
        writeString(row.userAgent, target);
        writeString(row.deviceToken, target);
        writeString(row.emailHmac, target);
        writeString(row.idempotencyKey, target);
        writeLongs(row.counts, target);
        target.writeInt(row.kafkaPartition);
        target.writeLong(row.kafkaOffset);
    }

    @Override
    public ResponseRow deserialize(DataInputView source) throws IOException {
        ResponseRow row = new ResponseRow();
        row.responseId = readString(source);
        row.campaignId = readString(source);
        row.organizationId = readString(source);
        row.respondentRole = readString(source);
        row.answersJson = readString(source);
        row.startedAtMillis = source.readLong();
        row.submittedAtMillis = source.readLong();
        row.receivedAtMillis = source.readLong();
        row.ipHmac = readString(source);
        row.userAgent = readString(source);
        row.deviceToken = readString(source);
        row.emailHmac = readString(source);
        row.idempotencyKey = readString(source);
        row.counts = readLongs(source);
        row.kafkaPartition = source.readInt();
        row.kafkaOffset = source.readLong();
        return row;
    }

    @Override
    public TypeSerializerSnapshot<ResponseRow> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer by its class (it has no configuration). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ResponseRow> {
        public Snapshot() {
            super(ResponseRowSerializer::new);
        }
    }
}
