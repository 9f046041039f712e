package ru.noko.methodology.registry;

import static ru.noko.methodology.registry.RegistryHeader.CONTINGENT_PREFIX;
import static ru.noko.methodology.registry.RegistryHeader.ID;
import static ru.noko.methodology.registry.RegistryHeader.INN;
import static ru.noko.methodology.registry.RegistryHeader.MUNICIPALITY;
import static ru.noko.methodology.registry.RegistryHeader.NAME;
import static ru.noko.methodology.registry.RegistryHeader.REGION;
import static ru.noko.methodology.registry.RegistryHeader.TYPE;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import ru.noko.schemas.Identifiers;

/**
 * Checks the data lines of one registry file against the rules, line by line, adding every problem it finds; it
 * remembers the ids already seen, since an id must be unique in the file.
 */
final class RegistryLineChecker {

    static final int MAX_NAME_LENGTH = 500;
    static final int MAX_CONTINGENT = 1_000_000;

    // The same rule as the organization id of a survey response, so every organization here can be answered for.
    private static final Pattern ORGANIZATION_ID = Identifiers.ID_PATTERN;
    private static final String INN_LABEL = "ИНН";

    private final RegistryHeader header;
    private final List<LineProblem> problems;
    private final Map<String, Integer> firstLineOfId = new HashMap<>();
    private final Map<String, Integer> firstLineOfInn = new HashMap<>();
    private final boolean onePerInn;

    /** @param onePerInn whether an INN may appear once only (the portal's import), or be shared by branches */
    RegistryLineChecker(RegistryHeader header, List<LineProblem> problems, boolean onePerInn) {
        this.header = header;
        this.problems = problems;
        this.onePerInn = onePerInn;
    }

    /** The organization of a data line, or empty when the line has problems (added to the list) or the header does. */
    Optional<Organization> check(List<String> fields, int line) {
        if (fields.size() != header.width()) {
            problems.add(new LineProblem(
                    line,
                    null,
                    "полей в строке: " + fields.size() + ", а в заголовке: " + header.width()
                            + "; проверьте разделители и кавычки"));
            return Optional.empty();
        }
        int problemsBefore = problems.size();
        String id = organizationId(fields, line);
        String name = name(fields, line);
        String inn = inn(fields, line);
        OrganizationType type = type(fields, line);
        String municipality = required(fields, line, MUNICIPALITY, MUNICIPALITY);
        String region = required(fields, line, REGION, REGION);
        Map<String, Integer> contingent = contingent(fields, line);
        if (problems.size() > problemsBefore || !header.complete()) {
            return Optional.empty();
        }
        return Optional.of(new Organization(id, name, inn, type, municipality, region, contingent));
    }

    /**
     * Trims spaces, including the no-break spaces that text copied from web pages and Word brings along, which
     * {@link String#strip()} leaves in place.
     */
    static String trim(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    private String organizationId(List<String> fields, int line) {
        String id = required(fields, line, ID, ID);
        if (id == null) {
            return null;
        }
        if (!ORGANIZATION_ID.matcher(id).matches()) {
            problem(line, ID, ID + ": от 1 до 64 латинских букв, цифр, '.', '-' и '_', начиная с буквы или цифры");
            return null;
        }
        Integer firstLine = firstLineOfId.putIfAbsent(id, line);
        if (firstLine != null) {
            problem(line, ID, ID + ": повторяется, впервые в строке " + firstLine);
        }
        return id;
    }

    private String name(List<String> fields, int line) {
        String name = required(fields, line, NAME, NAME);
        if (name != null && name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            problem(line, NAME, NAME + ": длиннее " + MAX_NAME_LENGTH + " символов");
        }
        return name;
    }

    private String inn(List<String> fields, int line) {
        String inn = required(fields, line, INN, INN_LABEL);
        if (inn == null) {
            return null;
        }
        if (!Inn.isAsciiDigits(inn) || inn.length() != 10 && inn.length() != 12) {
            String reason = INN_LABEL + ": ожидается 10 цифр (юридическое лицо) или 12 цифр";
            // Excel reads an INN as a number and drops the leading zero of regions 01–09.
            if (Inn.isAsciiDigits(inn) && (inn.length() == 9 || inn.length() == 11)) {
                reason += "; цифр " + inn.length() + " — возможно, Excel отбросил ведущий ноль, "
                        + "задайте столбцу текстовый формат";
            }
            problem(line, INN, reason);
        } else if (!Inn.isValid(inn)) {
            problem(line, INN, INN_LABEL + ": неверная контрольная сумма");
        } else if (onePerInn) {
            Integer first = firstLineOfInn.putIfAbsent(inn, line);
            if (first != null) {
                problem(
                        line,
                        INN,
                        INN_LABEL + " " + inn + " уже указан в строке " + first + ": у каждой организации свой ИНН");
            }
        }
        return inn;
    }

    private OrganizationType type(List<String> fields, int line) {
        String code = value(fields, TYPE);
        if (code == null) {
            return null;
        }
        Optional<OrganizationType> type = OrganizationType.fromCode(code);
        if (type.isEmpty()) {
            problem(line, TYPE, TYPE + ": ожидается preschool, general или additional");
        }
        return type.orElse(null);
    }

    private Map<String, Integer> contingent(List<String> fields, int line) {
        Map<String, Integer> contingent = new LinkedHashMap<>();
        for (String column : header.contingentColumns()) {
            String value = value(fields, column);
            // Blank means the role does not apply, e.g. students of a kindergarten.
            if (value.isEmpty()) {
                continue;
            }
            if (!Inn.isAsciiDigits(value)) {
                problem(
                        line,
                        column,
                        column + ": ожидается целое число от 0 до " + MAX_CONTINGENT
                                + " (пусто — роль к организации не относится)");
            } else if (value.length() > 7 || Integer.parseInt(value) > MAX_CONTINGENT) {
                problem(line, column, column + ": больше " + MAX_CONTINGENT + " человек");
            } else {
                contingent.put(column.substring(CONTINGENT_PREFIX.length()), Integer.parseInt(value));
            }
        }
        return contingent;
    }

    /** The trimmed value; null with a problem when it is blank, null without one when the column is absent. */
    private String required(List<String> fields, int line, String column, String label) {
        String value = value(fields, column);
        if (value != null && value.isEmpty()) {
            problem(line, column, label + ": обязательное поле не заполнено");
            return null;
        }
        return value;
    }

    private String value(List<String> fields, String column) {
        int index = header.index(column);
        return index < 0 ? null : trim(fields.get(index));
    }

    private void problem(int line, String column, String reason) {
        problems.add(new LineProblem(line, column, reason));
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
