package ru.noko.portal.selfassessment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;
import ru.noko.methodology.checklist.Checklist;
import ru.noko.methodology.checklist.ItemAnswer;

/**
 * The checklist's answers as the form page sends them: per item {@code present:<id>} and {@code na:<id>} (ticked or
 * absent), {@code link:<id>} and {@code comment:<id>}. Only the checklist's items are read; the photo counts are the
 * store's, never the form's.
 */
final class ChecklistForm {

    static final int LONGEST_LINK = 500;
    static final int LONGEST_COMMENT = 2000;

    /** The answers, or the fields that are too long to keep. */
    record Read(Map<String, ItemAnswer> answers, List<String> problems) {}

    private ChecklistForm() {}

    static Read read(Checklist checklist, MultiValueMap<String, String> fields) {
        Map<String, ItemAnswer> answers = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Checklist.Section section : checklist.sections()) {
            for (Checklist.Item item : section.items()) {
                String id = item.id();
                boolean present = ticked(fields.getFirst("present:" + id));
                boolean notApplicable = ticked(fields.getFirst("na:" + id));
                String link = text(fields.getFirst("link:" + id));
                String comment = text(fields.getFirst("comment:" + id));
                if (link != null && link.length() > LONGEST_LINK) {
                    problems.add("«" + item.text() + "»: ссылка длиннее " + LONGEST_LINK + " знаков");
                }
                if (comment != null && comment.length() > LONGEST_COMMENT) {
                    problems.add("«" + item.text() + "»: комментарий длиннее " + LONGEST_COMMENT + " знаков");
                }
                if (present || notApplicable || link != null || comment != null) {
                    answers.put(id, new ItemAnswer(present, notApplicable, 0, link, comment));
                }
            }
        }
        return new Read(answers, problems);
    }

    private static boolean ticked(String value) {
        return value != null && !value.isEmpty();
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
