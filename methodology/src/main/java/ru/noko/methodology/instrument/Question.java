package ru.noko.methodology.instrument;

import java.util.List;

/**
 * One question of an instrument.
 *
 * @param id stable id that answers are keyed by ({@code q1}, {@code mech_1_1_a}...)
 * @param text the question as respondents read it, in Russian
 * @param type the kind of answer
 * @param required must be answered whenever it is shown
 * @param options choices, for single and multiple choice
 * @param showIf skip logic; absent means always shown
 * @param min smallest accepted number, for number questions
 * @param max largest accepted number, for number questions
 * @param maxLength longest accepted text, for text questions (default 2000)
 * @param roles respondent roles the question is for; empty means every role of the instrument
 */
public record Question(
        String id,
        String text,
        QuestionType type,
        boolean required,
        List<AnswerOption> options,
        Condition showIf,
        Double min,
        Double max,
        Integer maxLength,
        List<String> roles) {

    static final int DEFAULT_MAX_LENGTH = 2000;

    public Question {
        options = options == null ? List.of() : List.copyOf(options);
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public boolean isForRole(String role) {
        return roles.isEmpty() || roles.contains(role);
    }

    public boolean hasOption(String optionId) {
        return options.stream().anyMatch(option -> option.id().equals(optionId));
    }

    int textLimit() {
        return maxLength == null ? DEFAULT_MAX_LENGTH : maxLength;
    }
}
