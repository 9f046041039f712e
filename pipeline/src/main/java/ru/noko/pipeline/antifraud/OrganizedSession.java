package ru.noko.pipeline.antifraud;

/**
 * A registered organized session — a class answering in a computer room, confirmed by the director's order: the
 * responses to the organization from {@code ipHmac} received in {@code [fromMillis, toMillis)} are judged by the
 * session's own limit, the larger of {@code participants} and the campaign's per-organization limit ({@link
 * SessionPlaces}), instead of the address's sliding windows. A Flink POJO, broadcast to the IP checks.
 */
public class OrganizedSession {
    public String sessionId;
    public String campaignId;
    public String organizationId;
    public String ipHmac;
    public long fromMillis;
    public long toMillis;
    public int participants;
    /** Its registration's position on the sessions topic: a later registration of the same id replaces it. */
    public long version;
    /**
     * The organization (or the operator) cancelled it: from this event on the address's normal limit applies again.
     * The event carries the session as it was, so the stored row still says what was cancelled.
     */
    public boolean cancelled;

    public OrganizedSession() {}

    /**
     * Whether the response falls in the session: the same campaign, organization and address, received (the gateway's
     * clock, not the device's) at or after {@code from} and before {@code to}.
     */
    boolean covers(ScreenedResponse response) {
        long time = response.eventTime();
        return campaignId.equals(response.campaignId)
                && organizationId.equals(response.organizationId)
                && ipHmac.equals(response.ipHmac)
                && time >= fromMillis
                && time < toMillis;
    }

    @Override
    public String toString() {
        return "OrganizedSession[" + sessionId + " " + campaignId + "/" + organizationId + " " + fromMillis + ".."
                + toMillis + " x" + participants + (cancelled ? " cancelled" : "") + "]";
    }
}
