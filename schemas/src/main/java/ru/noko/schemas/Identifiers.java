package ru.noko.schemas;

import java.util.regex.Pattern;

/**
 * The formats of the ids every stage exchanges, in one place: campaign, organization and question ids, and respondent
 * roles. The gateway, the registry import and the questionnaire loader all check against these.
 */
public final class Identifiers {

    /** Campaign, organization, question ids: 1–64 of A-Z a-z 0-9 . _ -, starting with a letter or digit. */
    public static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    /** Respondent roles: parent, student, teacher, director... */
    public static final String ROLE = "[a-z][a-z_]{1,31}";

    public static final Pattern ID_PATTERN = Pattern.compile(ID);
    public static final Pattern ROLE_PATTERN = Pattern.compile(ROLE);

    private Identifiers() {}
}
