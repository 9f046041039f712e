package ru.noko.export.schedule;

import java.time.Instant;

/** A scheduled export that could not be written (or kept), with its campaign and cut-off. */
public final class ScheduledExportException extends Exception {

    private final String campaignId;
    private final Instant cutOff;

    ScheduledExportException(String campaignId, Instant cutOff, Exception cause) {
        super(
                "выгрузка кампании " + campaignId + " с временем отсечки " + cutOff + " не записана: "
                        + cause.getMessage(),
                cause);
        this.campaignId = campaignId;
        this.cutOff = cutOff;
    }

    public String campaignId() {
        return campaignId;
    }

    public Instant cutOff() {
        return cutOff;
    }
}
