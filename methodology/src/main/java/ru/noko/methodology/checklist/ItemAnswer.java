package ru.noko.methodology.checklist;

/**
 * An organization's answer for one item of its self-assessment.
 *
 * @param present the item is there (on the stands, on the site, in the building)
 * @param notApplicable the item does not concern the organization (1.1 only: no paid services, say); needs a comment
 * @param photos how many photos are attached to it
 * @param link the page of the official site, or null
 * @param comment the organization's comment, or null
 */
public record ItemAnswer(boolean present, boolean notApplicable, int photos, String link, String comment) {

    public static ItemAnswer absent() {
        return new ItemAnswer(false, false, 0, null, null);
    }

    /** A web address, not any text: the operator follows it. */
    boolean hasLink() {
        return link != null && (link.startsWith("https://") || link.startsWith("http://")) && link.length() > 10;
    }

    boolean hasComment() {
        return comment != null && !comment.isBlank();
    }
}
