package ru.noko.methodology.campaign;

import java.time.LocalDate;
import java.util.List;

/**
 * When organizations of some types take part in a campaign: from the first to the last day, both included, in the
 * campaign's time zone. Letter 000 gives kindergartens one window and schools and additional education another, to
 * spread the load.
 *
 * @param types organization type codes ({@code preschool}, {@code general}, {@code additional})
 */
public record CampaignWindow(List<String> types, LocalDate from, LocalDate to) {

    public CampaignWindow {
        types = types == null ? List.of() : List.copyOf(types);
    }
}
