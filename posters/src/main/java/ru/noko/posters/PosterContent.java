package ru.noko.posters;

import java.util.Objects;

/**
 * What one organization's poster says.
 *
 * @param campaignTitle the campaign's title from its file
 * @param organizationName the organization's full name from the registry, e.g. МБОУ «СОШ № 7»
 * @param territory where the organization is, e.g. «Иркутская область, г. Иркутск»; may be empty
 * @param link the organization's survey link, printed and in the QR code
 * @param dates when the survey is open
 */
public record PosterContent(
        String campaignTitle, String organizationName, String territory, SurveyLink link, SurveyDates dates) {

    public PosterContent {
        Objects.requireNonNull(campaignTitle, "campaignTitle");
        Objects.requireNonNull(organizationName, "organizationName");
        territory = territory == null ? "" : territory;
        Objects.requireNonNull(link, "link");
        dates = dates == null ? SurveyDates.UNKNOWN : dates;
    }
}
