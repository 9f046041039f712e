package ru.noko.pipeline.antifraud;

/**
 * A registered organized session — a class answering in a computer room, confirmed by the director's order: from
 * {@code ipHmac}, between {@code fromMillis} and {@code toMillis}, up to {@code participants} responses to the
 * organization are exempt from the IP limits. A Flink POJO, broadcast to the IP checks.
 */
public class OrganizedSession {
    public String sessionId;
    public String campaignId;
    public String organizationId;
    public String ipHmac;
    public long fromMillis;
    public long toMillis;
    public int participants;

    public OrganizedSession() {}

    /** Whether a response of this campaign from this address at {@code time} falls in the session. */
    boolean covers(String campaign, String ip, long time) {
        return campaignId.equals(campaign) && ipHmac.equals(ip) && time >= fromMillis && time < toMillis;
    }

    @Override
    public String toString() {
        return "OrganizedSession[" + sessionId + " " + campaignId + "/" + organizationId + " " + fromMillis + ".." + toMillis
                + " x" + participants + "]";
    }
}
