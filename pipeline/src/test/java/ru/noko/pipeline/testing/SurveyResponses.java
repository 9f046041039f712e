package ru.noko.pipeline.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ru.noko.schemas.avro.ClientMetadata;
import ru.noko.schemas.avro.SurveyResponse;

/** Valid survey responses with every field filled, so a test states only what matters to it. */
public final class SurveyResponses {

    public static final Instant CAMPAIGN_START = Instant.parse("2026-02-01T08:00:00Z");
    public static final String TEST_KEY = "test-key-0123456789-0123456789-0123456789";

    private SurveyResponses() {}

    /** The i-th response of a campaign: ten organizations, a respondent a second, six minutes to fill in. */
    public static SurveyResponse response(int i) {
        Instant submitted = CAMPAIGN_START.plusSeconds(i);
        return SurveyResponse.newBuilder()
                .setResponseId(
                        UUID.nameUUIDFromBytes(("response-" + i).getBytes()).toString())
                .setCampaignId("test-2026-general")
                .setOrganizationId("org-" + (i % 10))
                .setRespondentRole(i % 3 == 0 ? "student" : "parent")
                .setAnswers(
                        Map.of("q1", true, "q2", (long) (i % 5 + 1), "q3", "opt-b", "q4", List.of("a", "c"), "q5", 2.5))
                .setStartedAt(submitted.minusSeconds(360))
                .setSubmittedAt(submitted)
                .setReceivedAt(submitted.plusMillis(150))
                .setClient(ClientMetadata.newBuilder()
                        .setIpAddress("10.0." + (i % 200) + ".7")
                        .setUserAgent("Mozilla/5.0 (Android 14)")
                        .setDeviceToken("device-" + i + "-0123456789")
                        .setEmailHmac(null)
                        .build())
                .build();
    }
}
