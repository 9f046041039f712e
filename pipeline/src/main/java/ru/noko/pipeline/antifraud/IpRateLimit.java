package ru.noko.pipeline.antifraud;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import ru.noko.methodology.campaign.AntiFraudSettings;

/**
 * Frequency per IP address in a sliding event-time window: keyed by campaign and IP HMAC (and organization, for the
 * per-organization limit), a response is over the limit when the responses this key already counted within the
 * window before it reach the campaign's limit. Over the limit it is rejected, or flagged for review where the campaign
 * says so; a rejected response does not use up the quota, a flagged one does.
 */
public class IpRateLimit extends EventTimeOrderedCheck {

    private final boolean perOrganization;
    private transient ListState<Long> counted;

    public IpRateLimit(boolean perOrganization, Map<String, AntiFraudSettings> settings) {
        super(settings);
        this.perOrganization = perOrganization;
    }

    public static String key(ScreenedResponse screened, boolean perOrganization) {
        var r = screened.response;
        return perOrganization ? String.join("|", r.campaignId, r.ipHmac, r.organizationId)
                : String.join("|", r.campaignId, r.ipHmac);
    }

    @Override
    protected void openState(OpenContext context) {
        ListStateDescriptor<Long> descriptor = new ListStateDescriptor<>("counted-times", Types.LONG);
        // Only the last window matters; a key idle for a day has nothing left to count.
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(java.time.Duration.ofDays(1)).build());
        counted = getRuntimeContext().getListState(descriptor);
    }

    @Override
    protected void judge(ScreenedResponse response, AntiFraudSettings rules) throws Exception {
        if (response.isRejected()) {
            return;
        }
        long time = response.eventTime();
        long windowStart = time - rules.ipWindowMinutes() * 60_000L;
        List<Long> recent = new ArrayList<>();
        for (Long earlier : counted.get()) {
            if (earlier > windowStart) {
                recent.add(earlier);
            }
        }
        int limit = perOrganization ? rules.ipLimitPerOrganization() : rules.ipLimitAcrossOrganizations();
        FraudReason reason = perOrganization ? FraudReason.IP_LIMIT_ORGANIZATION : FraudReason.IP_LIMIT_ALL_ORGANIZATIONS;
        if (recent.size() >= limit) {
            if (rules.reviewOverLimit()) {
                response.flag(reason);
                recent.add(time);
            } else {
                response.reject(reason);
            }
        } else {
            recent.add(time);
        }
        counted.update(recent);
    }
}
