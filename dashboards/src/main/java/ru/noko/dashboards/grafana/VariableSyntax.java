package ru.noko.dashboards.grafana;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a text refers to variables, read the way Grafana reads it: {@code $name}, {@code ${name}},
 * {@code ${name:format}}, {@code ${name.path}} and the old {@code [[name]]} and {@code [[name:format]]}.
 */
public final class VariableSyntax {

    /** A reference to the variable {@code name}, with the format after the colon (e.g. {@code queryparam}) or "". */
    public record Reference(String name, String format, String text) {}

    // The same expression as Grafana's template service (variableRegex), one alternative per syntax.
    private static final Pattern REFERENCE =
            Pattern.compile("\\$(\\w+)|\\[\\[(\\w+?)(?::(\\w+))?]]|\\$\\{(\\w+)(?:\\.([^:^}]+))?(?::([^}]+))?}");

    private VariableSyntax() {}

    public static List<Reference> references(String text) {
        List<Reference> references = new ArrayList<>();
        Matcher matcher = REFERENCE.matcher(text);
        while (matcher.find()) {
            String name = first(matcher.group(1), matcher.group(2), matcher.group(4));
            // "$1" is a regular expression's back-reference (replaceRegexpAll, a field override), not a variable.
            if (name.chars().allMatch(Character::isDigit)) {
                continue;
            }
            String format = first(matcher.group(3), matcher.group(6), "");
            references.add(new Reference(name, format, matcher.group()));
        }
        return references;
    }

    private static String first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return "";
    }
}
