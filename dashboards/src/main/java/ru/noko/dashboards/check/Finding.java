package ru.noko.dashboards.check;

/**
 * One problem a check found.
 *
 * @param file the dashboard or provisioning file it is in
 * @param where the thing in that file: {@code panel 4 «Охват»}, {@code variable organization}, {@code dashboard}
 */
public record Finding(String file, String where, String problem) {

    @Override
    public String toString() {
        return file + " › " + where + ": " + problem;
    }
}
