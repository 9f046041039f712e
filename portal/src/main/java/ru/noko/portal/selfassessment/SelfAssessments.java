package ru.noko.portal.selfassessment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import ru.noko.methodology.checklist.Checklist;
import ru.noko.methodology.checklist.ItemAnswer;
import ru.noko.portal.audit.AuditLog;
import ru.noko.portal.files.FileStore;
import ru.noko.portal.files.PhotoCheck;
import ru.noko.portal.files.RefusedUpload;
import ru.noko.portal.files.StoredFiles;
import ru.noko.portal.selfassessment.SelfAssessmentPhotos.StoredPhoto;
import ru.noko.portal.system.KafkaSettings;
import ru.noko.portal.system.TopicPublisher;

/**
 * An organization's self-assessment from draft to published figures: answers saved as they change, photos checked
 * and cleaned before they are stored, the checklist's rules applied on submit, and the expert inputs counted from
 * the ticked items published to the self-assessments topic, keyed by organization. The submission and its
 * publication are one transaction: when Kafka does not take the record, the form stays as it was. Returning a form
 * publishes empty inputs, so its figures go back to pending. Every step is in the audit log.
 */
@Service
public class SelfAssessments {

    /** Photos one item may have: a stand or a ramp needs a few, not an album. */
    public static final int PHOTOS_PER_ITEM = 5;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What keeps a form from being submitted, each problem naming its item. */
    public static class NotSubmittable extends RuntimeException {
        private final List<String> problems;

        NotSubmittable(List<String> problems) {
            super("the self-assessment has problems", null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private final SelfAssessmentForms forms;
    private final SelfAssessmentPhotos photos;
    private final FileStore files;
    private final TopicPublisher kafka;
    private final KafkaSettings topics;
    private final AuditLog audit;

    SelfAssessments(
            SelfAssessmentForms forms,
            SelfAssessmentPhotos photos,
            FileStore files,
            TopicPublisher kafka,
            KafkaSettings topics,
            AuditLog audit) {
        this.forms = forms;
        this.photos = photos;
        this.files = files;
        this.kafka = kafka;
        this.topics = topics;
        this.audit = audit;
    }

    public Optional<SelfAssessmentForms.Form> find(String campaignId, String organizationId) {
        return forms.find(campaignId, organizationId);
    }

    /**
     * The answers as saved, with each item's photo count as the photos stored say (the only count that matters).
     */
    public Map<String, ItemAnswer> answers(String campaignId, String organizationId) {
        Map<String, ItemAnswer> saved = forms.find(campaignId, organizationId)
                .map(SelfAssessmentForms.Form::answers)
                .orElse(Map.of());
        return withPhotos(saved, photos.byItem(campaignId, organizationId));
    }

    /**
     * Saves the answers typed into the form (their photo counts come from the photos stored).
     *
     * @throws SelfAssessmentForms.Locked when the form is submitted
     */
    public void saveDraft(
            Checklist checklist, String campaignId, String organizationId, Map<String, ItemAnswer> typed, String by) {
        Map<String, ItemAnswer> known = new LinkedHashMap<>();
        typed.forEach((item, answer) -> {
            if (checklist.item(item).isPresent()) {
                known.put(item, answer);
            }
        });
        forms.saveDraft(campaignId, organizationId, withPhotos(known, photos.byItem(campaignId, organizationId)), by);
        audit.record(AuditLog.Action.SELF_ASSESSMENT_SAVED, form(campaignId, organizationId), null, null);
    }

    /**
     * Checks, cleans and stores a photo of an item; the form must exist and not be submitted.
     *
     * @throws RefusedUpload when the file is not a photo that can be taken, or the item has its photos already
     * @throws SelfAssessmentForms.Locked when the form is submitted
     */
    public StoredPhoto addPhoto(
            Checklist checklist, String campaignId, String organizationId, String itemId, byte[] upload, String by) {
        if (checklist.item(itemId).isEmpty()) {
            throw new RefusedUpload("В форме самообследования нет такого пункта.");
        }
        requireEditable(campaignId, organizationId);
        if (photos.countOf(campaignId, organizationId, itemId) >= PHOTOS_PER_ITEM) {
            throw new RefusedUpload(
                    "К пункту уже приложено " + PHOTOS_PER_ITEM + " фотографий: удалите лишнюю, чтобы добавить новую.");
        }
        PhotoCheck.Photo photo = PhotoCheck.accept(upload);
        String extension = photo.mediaType().equals("image/png") ? "png" : "jpg";
        StoredPhoto stored = new StoredPhoto(
                SelfAssessmentPhotos.newId(),
                campaignId,
                organizationId,
                itemId,
                StoredFiles.newKey("photos", extension),
                StoredFiles.newKey("thumbnails", "jpg"),
                photo.mediaType(),
                photo.width(),
                photo.height());
        files.put(stored.photoKey(), photo.content());
        files.put(stored.thumbnailKey(), photo.thumbnail());
        photos.add(stored, by);
        audit.record(
                AuditLog.Action.SELF_ASSESSMENT_PHOTO_ADDED,
                form(campaignId, organizationId),
                null,
                itemId + " " + stored.id());
        return stored;
    }

    /** Removes a photo of a form that is not submitted; false when the photo is not the form's. */
    public boolean removePhoto(String campaignId, String organizationId, String photoId) {
        Optional<StoredPhoto> photo = photos.find(photoId)
                .filter(p ->
                        p.campaignId().equals(campaignId) && p.organizationId().equals(organizationId));
        if (photo.isEmpty()) {
            return false;
        }
        requireEditable(campaignId, organizationId);
        photos.remove(photoId);
        files.delete(photo.get().photoKey());
        files.delete(photo.get().thumbnailKey());
        audit.record(
                AuditLog.Action.SELF_ASSESSMENT_PHOTO_REMOVED,
                form(campaignId, organizationId),
                photo.get().itemId() + " " + photoId,
                null);
        return true;
    }

    /**
     * Submits the form as saved: checked against the checklist, locked, its version kept with the inputs counted
     * from it, and those inputs published.
     *
     * @throws NotSubmittable with every problem when the checklist's rules are not met
     * @throws SelfAssessmentForms.Locked when it is submitted already or was never saved
     * @throws TopicPublisher.NotPublished when Kafka did not take it (nothing changed)
     */
    @Transactional
    public Map<String, Integer> submit(Checklist checklist, String campaignId, String organizationId, String by) {
        Map<String, ItemAnswer> answers = answers(campaignId, organizationId);
        List<String> problems = checklist.problems(answers);
        if (!problems.isEmpty()) {
            throw new NotSubmittable(problems);
        }
        Map<String, Integer> inputs = checklist.inputs(answers);
        int version = forms.submit(campaignId, organizationId, inputs, by);
        audit.record(
                AuditLog.Action.SELF_ASSESSMENT_SUBMITTED,
                form(campaignId, organizationId),
                null,
                "версия " + version + ": " + inputs);
        publish(campaignId, organizationId, inputs);
        return inputs;
    }

    /**
     * The operator returns a submitted form with a comment; its figures go back to pending.
     *
     * @return false when the form is not submitted
     */
    @Transactional
    public boolean returnForm(String campaignId, String organizationId, String comment, String by) {
        if (!forms.returnForm(campaignId, organizationId, comment, by)) {
            return false;
        }
        audit.record(AuditLog.Action.SELF_ASSESSMENT_RETURNED, form(campaignId, organizationId), null, comment);
        publish(campaignId, organizationId, Map.of());
        return true;
    }

    public List<SelfAssessmentForms.Version> versions(String campaignId, String organizationId) {
        return forms.versions(campaignId, organizationId);
    }

    private void requireEditable(String campaignId, String organizationId) {
        forms.find(campaignId, organizationId)
                .filter(form -> form.state() == SelfAssessmentForms.State.SUBMITTED)
                .ifPresent(form -> {
                    throw new SelfAssessmentForms.Locked();
                });
    }

    private void publish(String campaignId, String organizationId, Map<String, Integer> inputs) {
        ObjectNode record = JSON.createObjectNode();
        record.put("campaignId", campaignId);
        record.put("organizationId", organizationId);
        record.set("inputs", JSON.valueToTree(inputs));
        try {
            kafka.publish(topics.selfAssessmentsTopic(), organizationId, JSON.writeValueAsString(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of numbers always writes", e);
        }
    }

    /** The saved answers with each item's photo count as the photos stored say. */
    static Map<String, ItemAnswer> withPhotos(
            Map<String, ItemAnswer> answers, Map<String, List<StoredPhoto>> photosByItem) {
        Map<String, ItemAnswer> counted = new LinkedHashMap<>();
        answers.forEach((item, answer) -> counted.put(
                item,
                new ItemAnswer(
                        answer.present(),
                        answer.notApplicable(),
                        photosByItem.getOrDefault(item, List.of()).size(),
                        answer.link(),
                        answer.comment())));
        photosByItem.forEach(
                (item, list) -> counted.putIfAbsent(item, new ItemAnswer(false, false, list.size(), null, null)));
        return counted;
    }

    private static String form(String campaignId, String organizationId) {
        return "самообследование " + campaignId + "/" + organizationId;
    }
}
