package ru.noko.publication.figures;

import java.math.BigDecimal;

/**
 * One of an organization's summary figures (К1–К5, S) as its public page shows it, every value as published (two
 * decimals, half up).
 *
 * @param municipalMean the mean of its municipality's organizations of its type, as the export's municipal sheet has it
 * @param regionalMean the same for its region
 * @param previous the figure in the previous campaign; null where there was none or it was undefined
 * @param change this campaign's figure less the previous one; null unless both exist
 */
public record PublicFigure(
        String id,
        String name,
        BigDecimal value,
        BigDecimal municipalMean,
        BigDecimal regionalMean,
        BigDecimal previous,
        BigDecimal change) {}
