package ru.noko.pipeline.antifraud;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import ru.noko.pipeline.exchange.ExchangeSerializer;
import ru.noko.pipeline.exchange.ExchangeType;

/**
 * {@link ScreenedResponse} from one check to the next: every field, in declaration order. The checks' queues keep
 * theirs in state with the POJO serializer ({@link EventTimeQueue}).
 */
public final class ScreenedResponseSerializer extends ExchangeSerializer<ScreenedResponse> {

    private static final long serialVersionUID = 1L;

    /** The stream type of responses between the checks. */
    public static final ExchangeType<ScreenedResponse> TYPE =
            new ExchangeType<>(ScreenedResponse.class, new ScreenedResponseSerializer());

    @Override
    public ScreenedResponse createInstance() {
        return new ScreenedResponse();
    }

    @Override
    public ScreenedResponse copy(ScreenedResponse from) {
        ScreenedResponse copy = new ScreenedResponse();
        copy.responseId = from.responseId;
        copy.campaignId = from.campaignId;
        copy.organizationId = from.organizationId;
        copy.respondentRole = from.respondentRole;
        copy.submittedAtMillis = from.submittedAtMillis;
        copy.receivedAtMillis = from.receivedAtMillis;
        copy.ipHmac = from.ipHmac;
        copy.deviceToken = from.deviceToken;
        copy.emailHmac = from.emailHmac;
        copy.idempotencyKey = from.idempotencyKey;
        copy.counts = from.counts == null ? null : from.counts.clone();
        copy.rejections = from.rejections;
        copy.flags = from.flags;
        copy.onePerEmail = from.onePerEmail;
        copy.onePerDevice = from.onePerDevice;
        copy.ipWindowMinutes = from.ipWindowMinutes;
        copy.ipLimitPerOrganization = from.ipLimitPerOrganization;
        copy.ipLimitAcrossOrganizations = from.ipLimitAcrossOrganizations;
        copy.reviewOverLimit = from.reviewOverLimit;
        return copy;
    }

    @Override
    public void serialize(ScreenedResponse response, DataOutputView target) throws IOException {
        writeString(response.responseId, target);
        writeString(response.campaignId, target);
        writeString(response.organizationId, target);
        writeString(response.respondentRole, target);
        target.writeLong(response.submittedAtMillis);
        target.writeLong(response.receivedAtMillis);
        writeString(response.ipHmac, target);
        writeString(response.deviceToken, target);
        writeString(response.emailHmac, target);
        writeString(response.idempotencyKey, target);
        writeLongs(response.counts, target);
        writeString(response.rejections, target);
        writeString(response.flags, target);
        target.writeBoolean(response.onePerEmail);
        target.writeBoolean(response.onePerDevice);
        target.writeInt(response.ipWindowMinutes);
        target.writeInt(response.ipLimitPerOrganization);
        target.writeInt(response.ipLimitAcrossOrganizations);
        target.writeBoolean(response.reviewOverLimit);
    }

    @Override
    public ScreenedResponse deserialize(DataInputView source) throws IOException {
        ScreenedResponse response = new ScreenedResponse();
        response.responseId = readString(source);
        response.campaignId = readString(source);
        response.organizationId = readString(source);
        response.respondentRole = readString(source);
        response.submittedAtMillis = source.readLong();
        response.receivedAtMillis = source.readLong();
        response.ipHmac = readString(source);
        response.deviceToken = readString(source);
        response.emailHmac = readString(source);
        response.idempotencyKey = readString(source);
        response.counts = readLongs(source);
        response.rejections = readString(source);
        response.flags = readString(source);
        response.onePerEmail = source.readBoolean();
        response.onePerDevice = source.readBoolean();
        response.ipWindowMinutes = source.readInt();
        response.ipLimitPerOrganization = source.readInt();
        response.ipLimitAcrossOrganizations = source.readInt();
        response.reviewOverLimit = source.readBoolean();
        return response;
    }

    @Override
    public TypeSerializerSnapshot<ScreenedResponse> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer by its class (it has no configuration). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ScreenedResponse> {
        public Snapshot() {
            super(ScreenedResponseSerializer::new);
        }
    }
}
