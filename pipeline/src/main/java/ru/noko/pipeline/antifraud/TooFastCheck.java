package ru.noko.pipeline.antifraud;

import java.util.Map;
import org.apache.flink.api.common.functions.MapFunction;
import ru.noko.methodology.campaign.AntiFraudSettings;
import ru.noko.pipeline.response.ResponseRow;

/** Rejects a response filled in faster than the campaign allows (submittedAt − startedAt below the minimum). */
public class TooFastCheck implements MapFunction<ResponseRow, ScreenedResponse> {

    private final Map<String, AntiFraudSettings> settings;

    public TooFastCheck(Map<String, AntiFraudSettings> settings) {
        this.settings = Map.copyOf(settings);
    }

    @Override
    public ScreenedResponse map(ResponseRow response) {
        ScreenedResponse screened = ScreenedResponse.of(response);
        AntiFraudSettings rules = settings.getOrDefault(response.campaignId, AntiFraudSettings.DEFAULTS);
        if (response.submittedAtMillis - response.startedAtMillis < rules.minFillSeconds() * 1000L) {
            screened.reject(FraudReason.TOO_FAST);
        }
        return screened;
    }
}
