package ru.noko.pipeline.antifraud;

/**
 * A response that reached an anti-fraud check behind the check's watermark: the check judged it on arrival, against
 * what it had seen, instead of in receipt order. Stored in {@code late_responses}; the batch re-check
 * ({@code ./noko recheck}) judges every response in receipt order and corrects the verdicts that differ.
 */
public class LateResponse {
    public String responseId;
    public String campaignId;
    public String organizationId;
    /** Which check: {@code organization} or {@code across-organizations}. */
    public String check;

    public long submittedAtMillis;
    public long receivedAtMillis;
    public long watermarkMillis;

    public LateResponse() {}

    static LateResponse of(ScreenedResponse response, String check, long watermark) {
        LateResponse late = new LateResponse();
        late.responseId = response.responseId;
        late.campaignId = response.campaignId;
        late.organizationId = response.organizationId;
        late.check = check;
        late.submittedAtMillis = response.submittedAtMillis;
        late.receivedAtMillis = response.receivedAtMillis;
        late.watermarkMillis = watermark;
        return late;
    }
}
