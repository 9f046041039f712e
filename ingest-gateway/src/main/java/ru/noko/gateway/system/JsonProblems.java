package ru.noko.gateway.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.Instant;

/** Names the field Jackson could not bind, and why, from the exception's path: a problem a person can act on. */
public final class JsonProblems {

    private JsonProblems() {}

    public static InvalidField describe(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return new InvalidField(
                    path(unknown), "unknown-field", "Неизвестное поле «" + unknown.getPropertyName() + "»");
        }
        if (cause instanceof InvalidFormatException format && format.getTargetType() == Instant.class) {
            return new InvalidField(
                    path(format), "format", "Ожидается дата и время в формате ISO-8601, например 2026-02-01T10:15:30Z");
        }
        if (cause instanceof MismatchedInputException mismatch
                && mismatch.getPath().isEmpty()
                && mismatch.getTargetType() != null
                && mismatch.getTargetType().isRecord()) {
            return new InvalidField("body", "type", "Тело запроса должно быть JSON-объектом");
        }
        if (cause instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            return new InvalidField(path(mismatch), "type", "Неверный тип значения: ожидается " + expected(mismatch));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return new InvalidField(path(mapping), "type", "Неверное значение поля");
        }
        if (cause instanceof JsonProcessingException) {
            return new InvalidField("body", "json", "Тело запроса не является корректным JSON");
        }
        return required();
    }

    /** An empty body, or one that reads as JSON {@code null}. */
    public static InvalidField required() {
        return new InvalidField("body", "required", "Тело запроса пустое или не читается как JSON-объект");
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "body" : path.toString();
    }

    private static String expected(MismatchedInputException e) {
        Class<?> type = e.getTargetType();
        if (type == null) {
            return "другой тип";
        }
        if (type == String.class) {
            return "строка";
        }
        if (type == Instant.class) {
            return "дата и время ISO-8601 в виде строки";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "JSON-объект";
        }
        return type.getSimpleName();
    }
}
