package ru.noko.methodology.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import ru.noko.schemas.Identifiers;

/** The header line of a registry file: which column holds which field, and what is wrong with the header. */
final class RegistryHeader {

    static final String ID = "organization_id";
    static final String NAME = "name";
    static final String INN = "inn";
    static final String TYPE = "type";
    static final String MUNICIPALITY = "municipality";
    static final String REGION = "region";
    static final List<String> REQUIRED = List.of(ID, NAME, INN, TYPE, MUNICIPALITY, REGION);
    static final String CONTINGENT_PREFIX = "contingent_";
    /** The column named in the problem of a header without any contingent column. */
    static final String ANY_CONTINGENT = "contingent_*";

    // The same rule as the respondent role of a survey response, so every role here can be answered.
    private static final Pattern ROLE = Identifiers.ROLE_PATTERN;

    private final int width;
    private final Map<String, Integer> usableColumns;
    private final List<String> contingentColumns;
    private final boolean complete;

    private RegistryHeader(int width, Map<String, Integer> usableColumns) {
        this.width = width;
        this.usableColumns = usableColumns;
        this.contingentColumns = usableColumns.keySet().stream()
                .filter(column -> column.startsWith(CONTINGENT_PREFIX))
                .toList();
        this.complete = usableColumns.keySet().containsAll(REQUIRED) && !contingentColumns.isEmpty();
    }

    /** Reads the column names of the header, adding a problem for each missing, repeated or unknown column. */
    static RegistryHeader read(List<String> names, int line, List<LineProblem> problems) {
        Map<String, List<Integer>> positions = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = RegistryLineChecker.trim(names.get(i));
            if (name.isEmpty()) {
                problems.add(new LineProblem(line, null, "столбец № " + (i + 1) + " без названия"));
            } else {
                positions.computeIfAbsent(name, unused -> new ArrayList<>()).add(i);
            }
        }
        Map<String, Integer> usable = new LinkedHashMap<>();
        positions.forEach((name, at) -> {
            String unknown = unknownColumnReason(name);
            if (unknown != null) {
                problems.add(new LineProblem(line, name, unknown));
            } else if (at.size() > 1) {
                String numbers = at.stream().map(i -> String.valueOf(i + 1)).collect(Collectors.joining(", "));
                problems.add(new LineProblem(line, name, "столбец повторяется: столбцы № " + numbers));
            } else {
                usable.put(name, at.get(0));
            }
        });
        for (String required : REQUIRED) {
            if (!positions.containsKey(required)) {
                problems.add(new LineProblem(line, required, "нет обязательного столбца " + required));
            }
        }
        // A misspelt role is reported as such; saying that there is no contingent column at all would mislead.
        if (positions.keySet().stream().noneMatch(name -> name.startsWith(CONTINGENT_PREFIX))) {
            problems.add(new LineProblem(
                    line,
                    ANY_CONTINGENT,
                    "нет ни одного столбца контингента contingent_<роль>, например contingent_parent"));
        }
        return new RegistryHeader(names.size(), usable);
    }

    /** How many fields every data line must have. */
    int width() {
        return width;
    }

    /** The index of the column, or -1 when it is absent or cannot be trusted (repeated). */
    int index(String column) {
        return usableColumns.getOrDefault(column, -1);
    }

    /** The usable {@code contingent_<role>} columns, in header order. */
    List<String> contingentColumns() {
        return contingentColumns;
    }

    /** Whether every field of an organization has a column, so data lines can become organizations. */
    boolean complete() {
        return complete;
    }

    private static String unknownColumnReason(String name) {
        if (REQUIRED.contains(name)) {
            return null;
        }
        if (name.startsWith(CONTINGENT_PREFIX)) {
            return ROLE.matcher(name.substring(CONTINGENT_PREFIX.length())).matches()
                    ? null
                    : "роль в названии столбца contingent_<роль>: от 2 до 32 строчных латинских букв и '_', "
                            + "начиная с буквы, например contingent_parent";
        }
        return "неизвестный столбец; допустимы " + String.join(", ", REQUIRED) + " и contingent_<роль>";
    }
}
