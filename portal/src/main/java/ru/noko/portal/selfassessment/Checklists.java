package ru.noko.portal.selfassessment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.checklist.Checklist;
import ru.noko.methodology.checklist.ChecklistLoader;
import ru.noko.methodology.model.NokoModel;

/** The self-assessment checklist of a campaign's scoring model, read once per model from the schemas jar. */
@Component
public class Checklists {

    private final Map<String, Checklist> byModel = new ConcurrentHashMap<>();

    /** The campaign's checklist; none for a model without expert inputs to fill (the municipal mechanisms). */
    public Optional<Checklist> of(Campaign campaign) {
        if (!(campaign.model() instanceof NokoModel model)) {
            return Optional.empty();
        }
        return Optional.of(byModel.computeIfAbsent(model.id(), id -> {
            try {
                return ChecklistLoader.bundled(model);
            } catch (IOException e) {
                throw new UncheckedIOException("the schemas jar has no checklist for " + id, e);
            }
        }));
    }
}
