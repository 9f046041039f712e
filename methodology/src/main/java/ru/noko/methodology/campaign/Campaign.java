package ru.noko.methodology.campaign;

import ru.noko.methodology.instrument.Instrument;
import ru.noko.methodology.model.Coverage;
import ru.noko.methodology.model.ScoringModel;

/** A campaign with its questionnaire and model loaded and its choices applied (edition, coverage). */
public record Campaign(CampaignDefinition definition, Instrument instrument, ScoringModel model, Coverage coverage) {

    public String id() {
        return definition.id();
    }

    public CampaignScoring scoring() {
        return new CampaignScoring(model, coverage, instrument.roles());
    }
}
