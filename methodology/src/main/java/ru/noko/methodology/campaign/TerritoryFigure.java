package ru.noko.methodology.campaign;

/**
 * One figure of a territory (municipality, region), over its organizations where the figure is defined.
 *
 * @param mean the methodology's figure: the unweighted mean over organizations
 * @param respondentWeighted a separate figure, the mean weighted by each organization's number of responses
 * @param organizations how many organizations have the figure defined
 */
public record TerritoryFigure(String id, String name, Double mean, Double respondentWeighted, int organizations) {}
