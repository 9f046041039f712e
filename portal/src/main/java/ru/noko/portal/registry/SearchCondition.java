package ru.noko.portal.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a person typed into a list's search, as a SQL condition: the searched expression (lower-cased, as its
 * trigram index holds it, where it has one) contains the text, in any case, with the text's own {@code %}, {@code _}
 * and backslash taken literally (PostgreSQL's default escape character is the backslash). No condition at all when
 * nothing was typed, so the whole list is planned as the whole list.
 *
 * @param sql the condition with its leading {@code WHERE} or {@code AND}, or empty
 */
public record SearchCondition(String sql, List<Object> parameters) {

    /**
     * @param searched the SQL expression searched, lower-cased
     * @param joiner {@code " WHERE "} or {@code " AND "}: what joins the condition to its statement
     */
    public static SearchCondition of(String search, String searched, String joiner) {
        String wanted = search.strip().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            return new SearchCondition("", List.of());
        }
        String literal = wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return new SearchCondition(joiner + searched + " LIKE ?", List.of("%" + literal + "%"));
    }

    /** The parameters followed by those of {@code LIMIT ? OFFSET ?}. */
    public List<Object> withPage(int offset, int limit) {
        List<Object> all = new ArrayList<>(parameters);
        all.add(limit);
        all.add(offset);
        return all;
    }
}
