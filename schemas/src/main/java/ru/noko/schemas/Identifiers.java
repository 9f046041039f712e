package ru.noko.schemas;

import java.util.regex.Pattern;

/**
 * The formats of the ids every stage exchanges, in one place: campaign, organization and question ids, respondent
 * roles and device tokens. The gateway, the registry import and the questionnaire loader all check against these.
 */
public final class Identifiers {

    /** Campaign, organization, question ids: 1–64 of A-Z a-z 0-9 . _ -, starting with a letter or digit. */
    public static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    /** Respondent roles: parent, student, teacher, director... */
    public static final String ROLE = "[a-z][a-z_]{1,31}";
    /** The random token a survey page keeps on a device (its cookie, or an API client's own). */
    public static final String DEVICE_TOKEN = "[A-Za-z0-9_-]{16,128}";

    public static final Pattern ID_PATTERN = Pattern.compile(ID);
    public static final Pattern ROLE_PATTERN = Pattern.compile(ROLE);

    private Identifiers() {}

    /**
     * Whether {@code text} is an {@link #ID}: the pattern's rule as a loop over the characters, for the checks every
     * submission passes several times (campaign, organization and every question id), where the regex engine took
     * 5 % of the gateway's time. {@code IdentifiersTest} holds the two to the same answers.
     */
    public static boolean isId(String text) {
        int length = text.length();
        if (length < 1 || length > 64 || !latinLetterOrDigit(text.charAt(0))) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = text.charAt(i);
            if (!latinLetterOrDigit(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code text} is a {@link #ROLE}, as {@link #isId} for ids. */
    public static boolean isRole(String text) {
        int length = text.length();
        if (length < 2 || length > 32 || !lowerLatin(text.charAt(0))) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = text.charAt(i);
            if (!lowerLatin(c) && c != '_') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code text} is a {@link #DEVICE_TOKEN}, as {@link #isId} for ids. */
    public static boolean isDeviceToken(String text) {
        int length = text.length();
        if (length < 16 || length > 128) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (!latinLetterOrDigit(c) && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean latinLetterOrDigit(char c) {
        return lowerLatin(c) || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean lowerLatin(char c) {
        return c >= 'a' && c <= 'z';
    }
}
