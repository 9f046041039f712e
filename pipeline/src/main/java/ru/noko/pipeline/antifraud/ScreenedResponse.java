package ru.noko.pipeline.antifraud;

import java.util.Arrays;
import java.util.TreeSet;
import ru.noko.pipeline.response.ResponseRow;

/**
 * A response on its way through the anti-fraud checks, collecting reasons: rejections (the response does not count)
 * and flags (it counts, but an analyst should look). A Flink POJO; reasons are kept as sorted comma-separated codes
 * so the type stays flat and a replay produces the same row.
 */
public class ScreenedResponse {
    public ResponseRow response;
    public String rejections = "";
    public String flags = "";

    public ScreenedResponse() {}

    public static ScreenedResponse of(ResponseRow response) {
        ScreenedResponse screened = new ScreenedResponse();
        screened.response = response;
        return screened;
    }

    public boolean isRejected() {
        return !rejections.isEmpty();
    }

    public void reject(FraudReason reason) {
        rejections = add(rejections, reason);
    }

    public void flag(FraudReason reason) {
        flags = add(flags, reason);
    }

    /** accepted, review (accepted with flags) or rejected. */
    public String verdict() {
        return isRejected() ? "rejected" : flags.isEmpty() ? "accepted" : "review";
    }

    public long eventTime() {
        return response.submittedAtMillis;
    }

    private static String add(String codes, FraudReason reason) {
        TreeSet<String> set = new TreeSet<>(codes.isEmpty() ? java.util.List.of() : Arrays.asList(codes.split(",")));
        set.add(reason.name());
        return String.join(",", set);
    }

    @Override
    public String toString() {
        return "ScreenedResponse[" + response.responseId + " " + verdict() + " " + rejections + " " + flags + "]";
    }
}
