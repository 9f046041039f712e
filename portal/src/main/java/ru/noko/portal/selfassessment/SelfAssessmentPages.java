package ru.noko.portal.selfassessment;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.checklist.Checklist;
import ru.noko.methodology.checklist.ItemAnswer;
import ru.noko.methodology.registry.Organization;
import ru.noko.portal.selfassessment.SelfAssessmentPhotos.StoredPhoto;

/** Fills the model of the checklist pages, the organization's form and everyone's view of it alike. */
@Component
class SelfAssessmentPages {

    private final SelfAssessments selfAssessments;
    private final SelfAssessmentPhotos photos;

    SelfAssessmentPages(SelfAssessments selfAssessments, SelfAssessmentPhotos photos) {
        this.selfAssessments = selfAssessments;
        this.photos = photos;
    }

    /** @param base the viewer's part of the portal ({@code /organization}, {@code /operator}, …): photo links go there */
    void fill(Campaign campaign, Checklist checklist, Organization organization, String base, Model model) {
        SelfAssessmentForms.Form form =
                selfAssessments.find(campaign.id(), organization.id()).orElse(null);
        // One read of the form and one of its photos serve the answers, their counts and the thumbnails.
        Map<String, List<StoredPhoto>> byItem = photos.byItem(campaign.id(), organization.id());
        Map<String, ItemAnswer> answers = SelfAssessments.withPhotos(form == null ? Map.of() : form.answers(), byItem);
        model.addAttribute("campaign", campaign);
        model.addAttribute("organization", organization);
        model.addAttribute("view", new ChecklistView(checklist, answers, byItem, checklist.inputs(answers), form));
        model.addAttribute("photoBase", base + "/photos/");
        model.addAttribute("versions", selfAssessments.versions(campaign.id(), organization.id()));
        model.addAttribute("photosPerItem", SelfAssessments.PHOTOS_PER_ITEM);
    }
}
