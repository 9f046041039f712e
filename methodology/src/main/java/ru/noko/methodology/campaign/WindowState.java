package ru.noko.methodology.campaign;

import java.time.LocalDate;

/**
 * Whether a campaign takes responses for an organization now: open (also when the campaign sets no window for its
 * type), not yet open, or closed; with the window's days, for the message a respondent reads.
 */
public record WindowState(Phase phase, LocalDate from, LocalDate to) {

    public enum Phase {
        OPEN,
        NOT_YET_OPEN,
        CLOSED
    }

    public static final WindowState ALWAYS_OPEN = new WindowState(Phase.OPEN, null, null);

    public boolean isOpen() {
        return phase == Phase.OPEN;
    }
}
