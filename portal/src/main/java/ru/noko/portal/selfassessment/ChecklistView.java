package ru.noko.portal.selfassessment;

import java.util.List;
import java.util.Map;
import ru.noko.methodology.checklist.Checklist;
import ru.noko.methodology.checklist.ItemAnswer;
import ru.noko.portal.selfassessment.SelfAssessmentPhotos.StoredPhoto;

/**
 * What the checklist pages show: the checklist, the answers with their photos, the inputs they count, and the form's
 * state in Russian.
 */
public record ChecklistView(
        Checklist checklist,
        Map<String, ItemAnswer> answers,
        Map<String, List<StoredPhoto>> photos,
        Map<String, Integer> inputs,
        SelfAssessmentForms.Form form) {

    public ItemAnswer answer(String itemId) {
        return answers.getOrDefault(itemId, ItemAnswer.absent());
    }

    /** The answer's link if it is a web address: what an organization typed is never made a script link. */
    public String webLink(ItemAnswer answer) {
        String link = answer.link();
        return link != null && (link.startsWith("https://") || link.startsWith("http://")) ? link : null;
    }

    public List<StoredPhoto> photosOf(String itemId) {
        return photos.getOrDefault(itemId, List.of());
    }

    public String state() {
        return stateName(form);
    }

    public boolean editable() {
        return form == null || form.state() != SelfAssessmentForms.State.SUBMITTED;
    }

    /** The present count of a section, and of the items that apply where the section counts them. */
    public String counted(Checklist.Section section) {
        Integer present = inputs.get(section.present());
        if (section.required() == null) {
            return present + " из " + section.items().size();
        }
        return present + " из " + inputs.get(section.required()) + " применимых";
    }

    public static String stateName(SelfAssessmentForms.Form form) {
        return form == null ? "ещё не заполнялось" : form.state().russianName();
    }
}
