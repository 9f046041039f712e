package ru.noko.publication.site;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A campaign's results as published: which cut-off, when and by whom. Kept as {@code publication.json} in the
 * campaign's folder of the site, so the folder is the whole truth: there when published, gone when withdrawn.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Publication(
        String campaignId, Instant cutOff, Instant publishedAt, String publishedBy, int organizations) {

    public static final String FILE = "publication.json";
}
