package ru.noko.methodology.campaign;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import ru.noko.methodology.instrument.Instrument;
import ru.noko.methodology.model.Coverage;
import ru.noko.methodology.model.ScoringModel;
import ru.noko.methodology.registry.OrganizationType;

/** A campaign with its questionnaire and model loaded and its choices applied (edition, coverage). */
public record Campaign(CampaignDefinition definition, Instrument instrument, ScoringModel model, Coverage coverage) {

    public String id() {
        return definition.id();
    }

    public CampaignScoring scoring() {
        return new CampaignScoring(model, coverage, instrument.roles());
    }

    /** Whether the campaign takes responses for an organization of {@code type} at {@code now}. */
    public WindowState window(OrganizationType type, Instant now) {
        for (CampaignWindow window : definition.windows()) {
            if (window.types().contains(type.code())) {
                LocalDate today = now.atZone(ZoneId.of(definition.timeZone())).toLocalDate();
                WindowState.Phase phase = today.isBefore(window.from())
                        ? WindowState.Phase.NOT_YET_OPEN
                        : today.isAfter(window.to()) ? WindowState.Phase.CLOSED : WindowState.Phase.OPEN;
                return new WindowState(phase, window.from(), window.to());
            }
        }
        return WindowState.ALWAYS_OPEN;
    }
}
