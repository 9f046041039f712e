package ru.noko.methodology.instrument;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges a response against its instrument and returns every problem at once (an empty list means valid). Answers
 * are JSON values as Java sees them: Boolean, Number, String, List of String.
 */
public final class InstrumentValidator {

    private InstrumentValidator() {}

    public static List<AnswerProblem> validate(Instrument instrument, String role, Map<String, ?> answers) {
        List<AnswerProblem> problems = new ArrayList<>();
        if (!instrument.roles().contains(role)) {
            problems.add(new AnswerProblem(
                    "respondentRole",
                    "role",
                    "Анкета «" + instrument.title() + "» не предназначена для роли «" + role + "»; допустимы: "
                            + String.join(", ", instrument.roles())));
            return problems;
        }
        for (String questionId : answers.keySet()) {
            if (instrument.question(questionId).isEmpty()) {
                problems.add(new AnswerProblem(field(questionId), "unknown-question", "В анкете нет такого вопроса"));
            }
        }
        for (Question question : instrument.questions()) {
            Object answer = answers.get(question.id());
            boolean shown = instrument.isShown(question, role, answers);
            if (answer == null) {
                if (shown && question.required()) {
                    problems.add(new AnswerProblem(field(question.id()), "required", "Обязательный вопрос без ответа"));
                }
            } else if (!question.isForRole(role)) {
                problems.add(new AnswerProblem(
                        field(question.id()),
                        "not-for-role",
                        "Этот вопрос не задаётся респондентам с ролью «" + role + "»"));
            } else if (!shown) {
                problems.add(new AnswerProblem(
                        field(question.id()),
                        "hidden-by-skip-logic",
                        "Вопрос не показывается при ответе на вопрос "
                                + question.showIf().question() + ", поэтому ответа на него быть не должно"));
            } else {
                checkValue(question, answer, problems);
            }
        }
        return problems;
    }

    private static void checkValue(Question question, Object answer, List<AnswerProblem> problems) {
        String field = field(question.id());
        switch (question.type()) {
            case YES_NO -> {
                if (!(answer instanceof Boolean)) {
                    problems.add(new AnswerProblem(field, "type", "Ожидается ответ «да» или «нет» (true/false)"));
                }
            }
            case LIKERT_5 -> {
                if (!Answers.isInteger(answer)) {
                    problems.add(new AnswerProblem(field, "type", "Ожидается оценка — целое число от 1 до 5"));
                } else if (((Number) answer).doubleValue() < 1 || ((Number) answer).doubleValue() > 5) {
                    problems.add(new AnswerProblem(field, "range", "Оценка должна быть от 1 до 5"));
                }
            }
            case NUMBER -> checkNumber(question, answer, field, problems);
            case TEXT -> {
                if (!(answer instanceof CharSequence text)) {
                    problems.add(new AnswerProblem(field, "type", "Ожидается текст"));
                } else if (text.toString().isBlank()) {
                    problems.add(new AnswerProblem(field, "required", "Пустой ответ"));
                } else if (text.length() > question.textLimit()) {
                    problems.add(
                            new AnswerProblem(field, "size", "Ответ длиннее " + question.textLimit() + " символов"));
                }
            }
            case SINGLE_CHOICE -> {
                if (!(answer instanceof CharSequence option)) {
                    problems.add(new AnswerProblem(field, "type", "Ожидается идентификатор одного варианта ответа"));
                } else if (!question.hasOption(option.toString())) {
                    problems.add(new AnswerProblem(field, "not-an-option", "Нет такого варианта ответа: " + option));
                }
            }
            case MULTIPLE_CHOICE -> checkChoices(question, answer, field, problems);
        }
    }

    private static void checkNumber(Question question, Object answer, String field, List<AnswerProblem> problems) {
        if (!(answer instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            problems.add(new AnswerProblem(field, "type", "Ожидается число"));
            return;
        }
        double value = number.doubleValue();
        if (question.min() != null && value < question.min() || question.max() != null && value > question.max()) {
            problems.add(new AnswerProblem(
                    field,
                    "range",
                    "Число должно быть от " + format(question.min()) + " до " + format(question.max())));
        }
    }

    private static void checkChoices(Question question, Object answer, String field, List<AnswerProblem> problems) {
        if (!(answer instanceof List<?> chosen)
                || chosen.stream().anyMatch(option -> !(option instanceof CharSequence))) {
            problems.add(new AnswerProblem(field, "type", "Ожидается список идентификаторов вариантов ответа"));
            return;
        }
        if (chosen.isEmpty()) {
            problems.add(new AnswerProblem(field, "required", "Не выбран ни один вариант"));
        }
        Set<String> seen = new HashSet<>();
        for (Object option : chosen) {
            String id = option.toString();
            if (!question.hasOption(id)) {
                problems.add(new AnswerProblem(field, "not-an-option", "Нет такого варианта ответа: " + id));
            } else if (!seen.add(id)) {
                problems.add(new AnswerProblem(field, "duplicate-option", "Вариант выбран дважды: " + id));
            }
        }
    }

    private static String format(Double bound) {
        if (bound == null) {
            return "…";
        }
        return bound == Math.rint(bound) ? String.valueOf(bound.longValue()) : String.valueOf(bound);
    }

    private static String field(String questionId) {
        return "answers." + questionId;
    }
}
