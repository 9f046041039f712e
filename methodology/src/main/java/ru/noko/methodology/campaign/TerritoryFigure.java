package ru.noko.methodology.campaign;

import org.apache.commons.numbers.fraction.BigFraction;
import ru.noko.methodology.model.TerritoryBasis;

/**
 * One figure of a territory (municipality, region), exact; a figure no organization has is null.
 *
 * @param mean the plain mean over the organizations where the figure is defined
 * @param respondentWeighted a separate figure: the mean weighted by each organization's number of responses
 * @param pooled the figure computed from the territory's answers pooled together, where the model allows it (shares
 *     of answers); null otherwise
 * @param basis which of them is the territory's published figure ({@link #value})
 * @param organizations how many organizations have the figure defined
 */
public record TerritoryFigure(
        String id,
        String name,
        BigFraction mean,
        BigFraction respondentWeighted,
        BigFraction pooled,
        TerritoryBasis basis,
        int organizations) {

    /** The territory's figure by its model's rule: the mean over organizations, or the pooled share. */
    public BigFraction value() {
        return basis == TerritoryBasis.POOLED_ANSWERS ? pooled : mean;
    }
}
