package ru.noko.pipeline.antifraud;

import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import ru.noko.methodology.campaign.AntiFraudSettings;

/**
 * One response per person: keyed by campaign, organization, role and the person's identifier (e-mail HMAC or device
 * token), the first response in event time counts and every later one is rejected. Responses without the identifier
 * carry a key of their own and always pass.
 */
public class FirstResponseWins extends EventTimeOrderedCheck {

    /** Which identifier a check looks at. */
    public enum Identifier { EMAIL, DEVICE }

    private final Identifier identifier;
    private transient ValueState<String> first;

    public FirstResponseWins(Identifier identifier, Map<String, AntiFraudSettings> settings) {
        super(settings);
        this.identifier = identifier;
    }

    /** The key: the person within campaign, organization and role; the response itself when it has no identifier. */
    public static String key(ScreenedResponse screened, Identifier identifier) {
        var r = screened.response;
        String person = person(screened, identifier);
        if (person.isEmpty()) {
            return "none|" + r.responseId;
        }
        return String.join("|", r.campaignId, r.organizationId, r.respondentRole, person);
    }

    private static String person(ScreenedResponse screened, Identifier identifier) {
        String person = identifier == Identifier.EMAIL ? screened.response.emailHmac : screened.response.deviceToken;
        return person == null ? "" : person;
    }

    @Override
    protected void openState(OpenContext context) {
        ValueStateDescriptor<String> descriptor = new ValueStateDescriptor<>("first-response", Types.STRING);
        descriptor.enableTimeToLive(campaignLifetime());
        first = getRuntimeContext().getState(descriptor);
    }

    @Override
    protected void judge(ScreenedResponse response, AntiFraudSettings rules) throws Exception {
        boolean enabled = identifier == Identifier.EMAIL ? rules.onePerEmail() : rules.onePerDevice();
        // Without the identifier there is no person to remember: keeping an entry per such response only grows the
        // state every checkpoint writes (most responses come without an e-mail).
        if (!enabled || response.isRejected() || person(response, identifier).isEmpty()) {
            return;
        }
        String earlier = first.value();
        if (earlier == null) {
            first.update(response.response.responseId);
        } else if (!earlier.equals(response.response.responseId)) {
            response.reject(identifier == Identifier.EMAIL ? FraudReason.DUPLICATE_EMAIL : FraudReason.DUPLICATE_DEVICE);
        }
    }
}
