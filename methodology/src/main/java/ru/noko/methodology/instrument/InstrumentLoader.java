package ru.noko.methodology.instrument;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import ru.noko.methodology.data.DataFiles;
import ru.noko.methodology.data.DataFormatException;
import ru.noko.schemas.Identifiers;

/** Reads an instrument from YAML and checks that it is consistent before anyone answers it. */
public final class InstrumentLoader {

    public static final String FOLDER = "instruments/";
    static final Pattern ID = Identifiers.ID_PATTERN;
    static final Pattern ROLE = Identifiers.ROLE_PATTERN;

    private InstrumentLoader() {}

    /** An instrument shipped in the schemas jar: {@code instruments/<id>.yaml}. */
    public static Instrument bundled(String id) throws IOException {
        return checked(DataFiles.readYamlResource(FOLDER + id + ".yaml", Instrument.class), FOLDER + id + ".yaml");
    }

    public static Instrument read(Path file) throws IOException {
        return checked(DataFiles.readYaml(file, Instrument.class), file.toString());
    }

    static Instrument checked(Instrument instrument, String source) {
        List<String> problems = new ArrayList<>();
        if (instrument.id() == null || !ID.matcher(instrument.id()).matches()) {
            problems.add("id must match " + ID);
        }
        if (instrument.version() < 1) {
            problems.add("version must be 1 or more");
        }
        if (instrument.title() == null || instrument.title().isBlank()) {
            problems.add("title is required");
        }
        if (instrument.roles().isEmpty()) {
            problems.add("roles must list who answers");
        }
        instrument.roles().stream()
                .filter(role -> !ROLE.matcher(role).matches())
                .forEach(role -> problems.add("role '" + role + "' must match " + ROLE));
        if (instrument.questions().isEmpty()) {
            problems.add("questions are required");
        }
        Map<String, Question> earlier = new java.util.HashMap<>();
        for (Question question : instrument.questions()) {
            checkQuestion(question, instrument, earlier, problems);
            if (earlier.put(question.id(), question) != null) {
                problems.add("question id '" + question.id() + "' is used twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new DataFormatException(source, problems);
        }
        return instrument;
    }

    private static void checkQuestion(
            Question question, Instrument instrument, Map<String, Question> earlier, List<String> problems) {
        String at = "question " + question.id() + ": ";
        if (question.id() == null || !ID.matcher(question.id()).matches()) {
            problems.add(at + "id must match " + ID);
        }
        if (question.text() == null || question.text().isBlank()) {
            problems.add(at + "text is required");
        }
        if (question.type() == null) {
            problems.add(at + "type is required");
            return;
        }
        if (question.type().hasOptions()) {
            Set<String> ids = new HashSet<>();
            if (question.options().size() < 2) {
                problems.add(at + "a choice needs at least two options");
            }
            question.options().stream()
                    .filter(option -> !ids.add(option.id()))
                    .forEach(option -> problems.add(at + "option '" + option.id() + "' is listed twice"));
        } else if (!question.options().isEmpty()) {
            problems.add(at + "only choice questions have options");
        }
        if (question.type() != QuestionType.NUMBER && (question.min() != null || question.max() != null)) {
            problems.add(at + "only number questions have min and max");
        }
        if (question.min() != null && question.max() != null && question.min() > question.max()) {
            problems.add(at + "min is above max");
        }
        question.roles().stream()
                .filter(role -> !instrument.roles().contains(role))
                .forEach(role -> problems.add(at + "role '" + role + "' is not among the instrument's roles"));
        if (question.showIf() != null) {
            checkCondition(question, question.showIf(), earlier, problems);
        }
    }

    private static void checkCondition(
            Question question, Condition condition, Map<String, Question> earlier, List<String> problems) {
        String at = "question " + question.id() + " showIf: ";
        Question reference = earlier.get(condition.question());
        if (reference == null) {
            problems.add(at + "must refer to an earlier question, not '" + condition.question() + "'");
            return;
        }
        if ((condition.equals() == null)
                == (condition.in() == null || condition.in().isEmpty())) {
            problems.add(at + "give exactly one of equals and in");
            return;
        }
        List<Object> values = condition.equals() != null ? List.of(condition.equals()) : condition.in();
        for (Object value : values) {
            boolean fits = switch (reference.type()) {
                case YES_NO -> value instanceof Boolean;
                case SINGLE_CHOICE, MULTIPLE_CHOICE -> value instanceof String option && reference.hasOption(option);
                case LIKERT_5, NUMBER -> value instanceof Number;
                case TEXT -> value instanceof String;
            };
            if (!fits) {
                problems.add(at + "'" + value + "' is not a possible answer to " + reference.id());
            }
        }
    }
}
