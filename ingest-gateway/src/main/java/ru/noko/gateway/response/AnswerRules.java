package ru.noko.gateway.response;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ru.noko.gateway.system.InvalidField;
import ru.noko.schemas.Identifiers;

/**
 * The shapes an answer may take before any questionnaire is consulted: yes/no (boolean), a number (integer or
 * decimal), a text or a single option id (string), several option ids (array of strings).
 */
final class AnswerRules {

    static final int MAX_ANSWERS = 500;
    static final int MAX_TEXT = 4000;
    static final int MAX_OPTIONS = 100;

    private AnswerRules() {}

    static List<InvalidField> check(Map<String, JsonNode> answers) {
        List<InvalidField> problems = new ArrayList<>();
        if (answers == null) {
            return problems;
        }
        answers.forEach((question, answer) -> {
            String field = "answers." + question;
            if (!Identifiers.isId(question)) {
                problems.add(new InvalidField(
                        field, "format", "Идентификатор вопроса: от 1 до 64 латинских букв, цифр, '.', '-' и '_'"));
            } else {
                checkAnswer(field, answer, problems);
            }
        });
        return problems;
    }

    private static void checkAnswer(String field, JsonNode answer, List<InvalidField> problems) {
        if (answer == null || answer.isNull()) {
            problems.add(new InvalidField(field, "required", "Пустой ответ: не передавайте вопрос без ответа"));
        } else if (answer.isBoolean() || answer.isIntegralNumber() && answer.canConvertToLong()) {
            return;
        } else if (answer.isFloatingPointNumber()) {
            if (!Double.isFinite(answer.doubleValue())) {
                problems.add(new InvalidField(field, "range", "Число вне допустимого диапазона"));
            }
        } else if (answer.isTextual()) {
            checkText(field, answer.textValue(), problems);
        } else if (answer.isArray()) {
            if (answer.isEmpty() || answer.size() > MAX_OPTIONS) {
                problems.add(new InvalidField(field, "size", "Выберите от 1 до " + MAX_OPTIONS + " вариантов"));
            }
            for (int i = 0; i < answer.size(); i++) {
                JsonNode option = answer.get(i);
                if (!option.isTextual()) {
                    problems.add(new InvalidField(field + "[" + i + "]", "type", "Вариант ответа должен быть строкой"));
                } else {
                    checkText(field + "[" + i + "]", option.textValue(), problems);
                }
            }
        } else {
            problems.add(new InvalidField(
                    field, "type", "Ответ должен быть логическим значением, числом, строкой или списком строк"));
        }
    }

    private static void checkText(String field, String text, List<InvalidField> problems) {
        if (text.isBlank()) {
            problems.add(new InvalidField(field, "required", "Пустой ответ: не передавайте вопрос без ответа"));
        } else if (text.length() > MAX_TEXT) {
            problems.add(new InvalidField(field, "size", "Ответ длиннее " + MAX_TEXT + " символов"));
        }
    }
}
