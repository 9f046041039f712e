package ru.noko.publication.figures;

import java.math.BigDecimal;
import java.util.List;
import ru.noko.methodology.registry.Organization;

/**
 * Everything an organization's public page shows, taken from the export's own figures.
 *
 * @param score the main figure (S of a НОКО model) as published; null while undefined
 * @param level the level of the main figure; empty while undefined
 * @param rankInMunicipality its place among organizations of its type in its municipality; null without a score
 * @param rankedInMunicipality how many of them have a place
 * @param coverageShare responses over the contingent; null without a contingent
 */
public record PublicOrganization(
        Organization organization,
        String municipalitySlug,
        BigDecimal score,
        String level,
        List<PublicFigure> figures,
        List<PublicIndicator> indicators,
        Integer rankInMunicipality,
        int rankedInMunicipality,
        Integer rankInRegion,
        int rankedInRegion,
        long respondents,
        BigDecimal coverageShare,
        boolean representative) {

    public String id() {
        return organization.id();
    }

    public PublicFigure figure(String id) {
        return figures.stream().filter(f -> f.id().equals(id)).findFirst().orElse(null);
    }
}
