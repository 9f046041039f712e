package ru.noko.pipeline.results;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import ru.noko.pipeline.antifraud.ScreenedResponseSerializer;
import ru.noko.pipeline.exchange.ExchangeSerializer;
import ru.noko.pipeline.exchange.ExchangeType;

/** {@link OrganizationInput} on its way to the figures: a marker, then the judged response or the fact. */
public final class OrganizationInputSerializer extends ExchangeSerializer<OrganizationInput> {

    private static final long serialVersionUID = 1L;
    private static final ScreenedResponseSerializer RESPONSES = new ScreenedResponseSerializer();
    private static final byte RESPONSE = 1;
    private static final byte FACT = 2;

    /** The stream type of what reaches the figures; both inputs of the union have it. */
    public static final ExchangeType<OrganizationInput> TYPE =
            new ExchangeType<>(OrganizationInput.class, new OrganizationInputSerializer());

    @Override
    public OrganizationInput createInstance() {
        return new OrganizationInput();
    }

    @Override
    public OrganizationInput copy(OrganizationInput from) {
        OrganizationInput input = new OrganizationInput();
        input.response = from.response == null ? null : RESPONSES.copy(from.response);
        input.fact = from.fact == null ? null : copy(from.fact);
        return input;
    }

    @Override
    public void serialize(OrganizationInput input, DataOutputView target) throws IOException {
        if (input.response != null) {
            target.writeByte(RESPONSE);
            RESPONSES.serialize(input.response, target);
        } else {
            target.writeByte(FACT);
            write(input.fact, target);
        }
    }

    @Override
    public OrganizationInput deserialize(DataInputView source) throws IOException {
        OrganizationInput input = new OrganizationInput();
        byte marker = source.readByte();
        if (marker == RESPONSE) {
            input.response = RESPONSES.deserialize(source);
        } else if (marker == FACT) {
            input.fact = read(source);
        } else {
            throw new IOException("not an organization's input: marker " + marker);
        }
        return input;
    }

    private static OrganizationFact copy(OrganizationFact from) {
        OrganizationFact fact = new OrganizationFact();
        fact.kind = from.kind;
        fact.organizationId = from.organizationId;
        fact.campaignId = from.campaignId;
        fact.json = from.json;
        fact.version = from.version;
        fact.topic = from.topic;
        fact.kafkaPartition = from.kafkaPartition;
        fact.payloadBytes = from.payloadBytes;
        return fact;
    }

    private static void write(OrganizationFact fact, DataOutputView target) throws IOException {
        writeString(fact.kind, target);
        writeString(fact.organizationId, target);
        writeString(fact.campaignId, target);
        writeString(fact.json, target);
        target.writeLong(fact.version);
        writeString(fact.topic, target);
        target.writeInt(fact.kafkaPartition);
        target.writeInt(fact.payloadBytes);
    }

    private static OrganizationFact read(DataInputView source) throws IOException {
        OrganizationFact fact = new OrganizationFact();
        fact.kind = readString(source);
        fact.organizationId = readString(source);
        fact.campaignId = readString(source);
        fact.json = readString(source);
        fact.version = source.readLong();
        fact.topic = readString(source);
        fact.kafkaPartition = source.readInt();
        fact.payloadBytes = source.readInt();
        return fact;
    }

    @Override
    public TypeSerializerSnapshot<OrganizationInput> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer by its class (it has no configuration). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<OrganizationInput> {
        public Snapshot() {
            super(OrganizationInputSerializer::new);
        }
    }
}
