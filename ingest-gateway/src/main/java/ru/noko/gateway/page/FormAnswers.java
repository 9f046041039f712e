package ru.noko.gateway.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.noko.gateway.system.InvalidField;
import ru.noko.methodology.instrument.Instrument;
import ru.noko.methodology.instrument.Question;
import ru.noko.methodology.instrument.QuestionType;

/**
 * A posted form's answers as the JSON API would carry them: typed by the question's type (yes/no a boolean, a
 * rating or a whole number a long, a choice an option id, several choices a list), blank fields left out, and the
 * answers to questions the respondent was not shown (skip logic, another role) dropped — a browser without
 * JavaScript posts every field it has, and what the respondent could not see is not an answer.
 */
final class FormAnswers {

    /** Form fields of answers are named {@code answers.<question id>}, as the API names the problems with them. */
    static final String PREFIX = "answers.";

    record Read(Map<String, JsonNode> answers, List<InvalidField> problems) {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FormAnswers() {}

    static Read read(Instrument instrument, String role, Map<String, List<String>> form) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, InvalidField> problems = new LinkedHashMap<>();
        for (Question question : instrument.questions()) {
            List<String> given = form.getOrDefault(PREFIX + question.id(), List.of()).stream()
                    .map(String::strip)
                    .filter(value -> !value.isEmpty())
                    .toList();
            if (given.isEmpty()) {
                continue;
            }
            String field = PREFIX + question.id();
            if (question.type() != QuestionType.MULTIPLE_CHOICE && given.size() > 1) {
                problems.put(question.id(), new InvalidField(field, "type", "Выберите один вариант ответа"));
                continue;
            }
            Object value = typed(question, given);
            if (value == null) {
                problems.put(question.id(), new InvalidField(field, "type", unreadable(question)));
            } else {
                values.put(question.id(), value);
            }
        }
        // In order: a question's visibility depends only on earlier ones, already settled.
        for (Question question : instrument.questions()) {
            if (!instrument.isShown(question, role, values)) {
                values.remove(question.id());
                problems.remove(question.id());
            }
        }
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        values.forEach((question, value) -> answers.put(question, node(value)));
        return new Read(answers, new ArrayList<>(problems.values()));
    }

    /** The value as the validator expects it, or null when the text is not an answer of the question's type. */
    private static Object typed(Question question, List<String> given) {
        String text = given.get(0);
        return switch (question.type()) {
            case YES_NO -> "true".equals(text) ? Boolean.TRUE : "false".equals(text) ? Boolean.FALSE : null;
            case LIKERT_5 -> text.matches("[1-5]") ? Long.valueOf(text) : null;
            case NUMBER -> number(text);
            case SINGLE_CHOICE, TEXT -> text;
            case MULTIPLE_CHOICE -> given;
        };
    }

    /** A number as people type it: a comma or a point before the decimals, spaces between thousands. */
    private static Object number(String text) {
        String plain = text.replace(',', '.').replace(" ", "").replace("\u00a0", "");
        if (!plain.matches("-?\\d{1,15}(\\.\\d{1,6})?")) {
            return null;
        }
        BigDecimal number = new BigDecimal(plain);
        return number.stripTrailingZeros().scale() <= 0
                ? (Object) number.longValueExact()
                : (Object) number.doubleValue();
    }

    private static String unreadable(Question question) {
        return switch (question.type()) {
            case YES_NO -> "Выберите «Да» или «Нет»";
            case LIKERT_5 -> "Выберите оценку от 1 до 5";
            case NUMBER -> "Введите число цифрами, например 12 или 3,5";
            default -> "Ответ не распознан";
        };
    }

    @SuppressWarnings("unchecked")
    private static JsonNode node(Object value) {
        if (value instanceof Boolean yes) {
            return NODES.booleanNode(yes);
        }
        if (value instanceof Long whole) {
            return NODES.numberNode(whole);
        }
        if (value instanceof Double decimal) {
            return NODES.numberNode(decimal);
        }
        if (value instanceof List<?> options) {
            var array = NODES.arrayNode();
            ((List<String>) options).forEach(array::add);
            return array;
        }
        return NODES.textNode((String) value);
    }
}
