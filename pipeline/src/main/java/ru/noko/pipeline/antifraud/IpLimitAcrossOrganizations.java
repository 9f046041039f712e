package ru.noko.pipeline.antifraud;

import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.streaming.api.TimerService;
import ru.noko.methodology.campaign.AntiFraudSettings;

/**
 * The IP limit across organizations: a response is over the limit when the responses its address already sent to any
 * organization within the sliding event-time window reach the campaign's limit. Over the limit it is rejected, or
 * flagged for review where the campaign says so. A response inside an organized session of its organization was
 * judged by the session's own limit in {@link OrganizationScreening} and is not judged again here (a session is one
 * organization's class); it still counts in the address's window, so responses to other organizations see it.
 * Sessions are matched when the response is judged, once the watermark passes it: a session registered before the
 * class starts is always seen.
 *
 * <p>Keyed by campaign and a bucket of addresses (a hash of the IP HMAC), not by the address itself: most addresses
 * send one response, and a key per address would cost a queue, a map and a timer to forget it for each response.
 * Buckets are judged in event-time order like any key, and each address keeps its own window
 * ({@link AddressWindows}). It runs after {@link OrganizationScreening}, so a response rejected there uses up no
 * quota here.
 */
public class IpLimitAcrossOrganizations extends EventTimeOrderedCheck {

    /** Enough to spread the addresses over any parallelism; each bucket holds a few hundredths of a window's. */
    static final int BUCKETS = 4096;

    /** Campaign and bucket; {@code String.hashCode} is the same on every JVM, so a restore finds its keys. */
    public static String key(ScreenedResponse response) {
        return response.campaignId + "|" + Math.floorMod(response.ipHmac.hashCode(), BUCKETS);
    }

    @Override
    protected String checkName() {
        return "across-organizations";
    }

    @Override
    protected boolean judge(
            ScreenedResponse response,
            AntiFraudSettings rules,
            ReadOnlyBroadcastState<String, OrganizedSession> sessions,
            TimerService timers)
            throws Exception {
        if (response.isRejected()) {
            return true;
        }
        if (SessionPlaces.covering(response, sessions).isEmpty()) {
            addresses.judge(
                    response,
                    rules,
                    rules.ipLimitAcrossOrganizations(),
                    FraudReason.IP_LIMIT_ALL_ORGANIZATIONS,
                    timers);
        } else {
            addresses.count(response, rules, timers);
        }
        return true;
    }
}
