package ru.noko.portal.registry;

/**
 * What a person typed into a search field as a SQL {@code LIKE} pattern: its own {@code %}, {@code _} and backslash
 * taken literally (PostgreSQL's default escape character is the backslash).
 */
public final class SearchPattern {

    private SearchPattern() {}

    public static String containing(String text) {
        return "%" + literal(text) + "%";
    }

    private static String literal(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
