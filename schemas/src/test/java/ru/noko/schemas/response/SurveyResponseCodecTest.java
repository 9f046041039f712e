package ru.noko.schemas.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.junit.jupiter.api.Test;
import ru.noko.schemas.avro.ClientMetadata;
import ru.noko.schemas.avro.SurveyResponse;

class SurveyResponseCodecTest {

    private static final Instant SUBMITTED = Instant.parse("2026-02-01T10:06:30Z");

    @Test
    void roundTripKeepsEveryFieldAndAnswerType() {
        SurveyResponseCodec codec = new SurveyResponseCodec();
        SurveyResponse response = response();

        SurveyResponse decoded = codec.decode(codec.encode(response));

        assertThat(decoded).isEqualTo(response);
        assertThat(decoded.getAnswers().get("q4")).isEqualTo(List.of("a", "c"));
        assertThat(decoded.getSubmittedAt()).isEqualTo(SUBMITTED);
    }

    @Test
    void encodedValueStartsWithTheSingleObjectHeaderAndTheSchemaFingerprint() {
        byte[] bytes = new SurveyResponseCodec().encode(response());

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getLong();
        assertThat(fingerprint)
                .isEqualTo(org.apache.avro.SchemaNormalization.parsingFingerprint64(SurveyResponse.getClassSchema()));
    }

    @Test
    void aVersionOneReaderReadsARecordWrittenWithVersionTwo() throws Exception {
        Schema v2 = exampleVersionTwo();
        GenericRecord written = versionTwoRecord(v2);
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v2)
                .encode(written)
                .array();

        // The reader knows v2 as a writer schema (it ships in the history before any writer uses it).
        List<Schema> known = new java.util.ArrayList<>(SurveyResponseSchemas.history());
        known.add(v2);
        SurveyResponse read = new SurveyResponseCodec(known).decode(bytes);

        assertThat(read.getResponseId()).isEqualTo("7f9c2b1e-0000-4000-8000-000000000002");
        assertThat(read.getOrganizationId()).isEqualTo("org-2");
        assertThat(read.getAnswers()).containsEntry("q1", true).containsEntry("q2", 5L);
        assertThat(read.getSubmittedAt()).isEqualTo(SUBMITTED);
        assertThat(read.getClient().getDeviceToken()).isEqualTo("device-0123456789abcdef");
    }

    @Test
    void aVersionTwoReaderReadsARecordWrittenWithVersionOneAndSeesTheDefault() throws Exception {
        Schema v2 = exampleVersionTwo();
        byte[] bytes = new SurveyResponseCodec().encode(response());
        SchemaStore.Cache store = new SchemaStore.Cache();
        SurveyResponseSchemas.history().forEach(store::addSchema);

        GenericRecord read = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), v2, store).decode(bytes);

        assertThat(read.get("responseId").toString()).isEqualTo("7f9c2b1e-0000-4000-8000-000000000001");
        assertThat(read.get("locale")).isNull();
        assertThat(((GenericRecord) read.get("client")).get("ipAddress").toString())
                .isEqualTo("192.0.2.10");
    }

    @Test
    void bytesThatAreNotAResponseAreReportedAsUndecodable() {
        SurveyResponseCodec codec = new SurveyResponseCodec();

        assertThatThrownBy(() -> codec.decode("{\"json\": true}".getBytes()))
                .isInstanceOf(UndecodableResponseException.class);
        assertThatThrownBy(() -> codec.decode(new byte[0])).isInstanceOf(UndecodableResponseException.class);
        byte[] unknownSchema = codec.encode(response());
        unknownSchema[5] ^= 0x5A; // a fingerprint no shipped version has
        assertThatThrownBy(() -> codec.decode(unknownSchema)).isInstanceOf(UndecodableResponseException.class);
        byte[] truncated = java.util.Arrays.copyOf(codec.encode(response()), 30);
        assertThatThrownBy(() -> codec.decode(truncated)).isInstanceOf(UndecodableResponseException.class);
    }

    @Test
    void theNewestSchemaInTheHistoryIsTheOneTheCodeIsGeneratedFrom() throws Exception {
        List<Schema> history = SurveyResponseSchemas.history();
        Path source =
                Path.of(System.getProperty("noko.projectRoot", ".."), "schemas/src/main/avro/SurveyResponse.avsc");
        Schema current = new Schema.Parser().parse(Files.readString(source));

        assertThat(history.get(history.size() - 1)).isEqualTo(current);
        assertThat(SurveyResponse.getClassSchema().toString()).contains("\"name\":\"SurveyResponse\"");
    }

    static SurveyResponse response() {
        return SurveyResponse.newBuilder()
                .setResponseId("7f9c2b1e-0000-4000-8000-000000000001")
                .setCampaignId("irk-2026-general")
                .setOrganizationId("org-1")
                .setRespondentRole("parent")
                .setAnswers(Map.of("q1", true, "q2", 4L, "q3", "opt-b", "q4", List.of("a", "c"), "q5", 2.5))
                .setStartedAt(SUBMITTED.minusSeconds(390))
                .setSubmittedAt(SUBMITTED)
                .setReceivedAt(SUBMITTED.plusMillis(120))
                .setClient(ClientMetadata.newBuilder()
                        .setIpAddress("192.0.2.10")
                        .setUserAgent("Mozilla/5.0")
                        .setDeviceToken(null)
                        .setEmailHmac("ab".repeat(32))
                        .build())
                .build();
    }

    private static Schema exampleVersionTwo() throws Exception {
        try (InputStream in =
                SurveyResponseCodecTest.class.getResourceAsStream("/avro/survey-response-v2-example.avsc")) {
            return new Schema.Parser().parse(in);
        }
    }

    private static GenericRecord versionTwoRecord(Schema v2) {
        Schema client = v2.getField("client").schema();
        return new GenericRecordBuilder(v2)
                .set("responseId", "7f9c2b1e-0000-4000-8000-000000000002")
                .set("campaignId", "irk-2026-general")
                .set("organizationId", "org-2")
                .set("respondentRole", "student")
                .set("answers", Map.of("q1", true, "q2", 5L))
                .set("startedAt", SUBMITTED.minusSeconds(300).toEpochMilli())
                .set("submittedAt", SUBMITTED.toEpochMilli())
                .set("receivedAt", SUBMITTED.plusMillis(80).toEpochMilli())
                .set(
                        "client",
                        new GenericRecordBuilder(client)
                                .set("ipAddress", "192.0.2.11")
                                .set("deviceToken", "device-0123456789abcdef")
                                .build())
                .set("locale", "ru-RU")
                .build();
    }
}
