package ru.noko.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose's variable references in a value: {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME-default}},
 * {@code ${NAME:?message}}, {@code ${NAME?message}}; {@code $$} is a literal dollar for the container's shell.
 */
final class Interpolation {

    private static final Pattern REFERENCE =
            Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    /** One reference; {@code operator} is "", ":-", "-", ":?" or "?". */
    record Reference(String name, String operator, String argument, boolean braced) {

        boolean required() {
            return operator.endsWith("?");
        }

        Optional<String> fallback() {
            return operator.endsWith("-") ? Optional.of(argument) : Optional.empty();
        }
    }

    private Interpolation() {}

    static List<Reference> references(String value) {
        List<Reference> references = new ArrayList<>();
        Matcher matcher = REFERENCE.matcher(value);
        while (matcher.find()) {
            if (matcher.group(1) != null) {
                references.add(new Reference(
                        matcher.group(1), nullToEmpty(matcher.group(2)), nullToEmpty(matcher.group(3)), true));
            } else if (matcher.group(4) != null) {
                references.add(new Reference(matcher.group(4), "", "", false));
            }
        }
        return references;
    }

    /**
     * The value as Compose makes it from an .env that sets only the required variables: defaults in place, a required
     * variable as {@code <NAME>}, {@code $$} as {@code $}.
     */
    static String withDefaults(String value) {
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (matcher.group(1) != null) {
                String operator = nullToEmpty(matcher.group(2));
                replacement = operator.endsWith("-") ? matcher.group(3) : "<" + matcher.group(1) + ">";
            } else if (matcher.group(4) != null) {
                replacement = "<" + matcher.group(4) + ">";
            } else {
                replacement = "$";
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
