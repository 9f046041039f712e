package ru.noko.methodology.instrument;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A questionnaire as data: its questions in order, with their types, options, skip logic and required rules, and the
 * respondent roles it is meant for. Read by {@link InstrumentLoader}, which checks it is consistent.
 *
 * @param id stable id, e.g. {@code noko-education}
 * @param version raised whenever questions change; responses carry the campaign, which names the version
 * @param title shown to respondents
 * @param roles who answers it ({@code parent}, {@code student}, {@code director}...)
 * @param questions in the order they are shown
 */
public record Instrument(
        String id, int version, String title, String description, List<String> roles, List<Question> questions) {

    public Instrument {
        roles = List.copyOf(roles);
        questions = List.copyOf(questions);
    }

    public Optional<Question> question(String questionId) {
        // A plain loop: every submission looks up each of its answers here, and a stream per lookup cost the
        // gateway 3 % of a submission's time.
        for (Question question : questions) {
            if (question.id().equals(questionId)) {
                return Optional.of(question);
            }
        }
        return Optional.empty();
    }

    /** Questions by id, in order. */
    public Map<String, Question> questionsById() {
        Map<String, Question> byId = new LinkedHashMap<>();
        questions.forEach(question -> byId.put(question.id(), question));
        return byId;
    }

    /**
     * Whether {@code question} is shown to a respondent of {@code role} who gave {@code answers}: it is for the role,
     * and its skip-logic condition holds (which needs the referenced question itself to be shown).
     */
    public boolean isShown(Question question, String role, Map<String, ?> answers) {
        if (!question.isForRole(role)) {
            return false;
        }
        Condition condition = question.showIf();
        if (condition == null) {
            return true;
        }
        Question reference = question(condition.question())
                .orElseThrow(
                        () -> new IllegalStateException("loader checks show-if references: " + condition.question()));
        return isShown(reference, role, answers) && condition.matches(answers.get(reference.id()));
    }
}
