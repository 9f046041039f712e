package ru.noko.methodology.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An input file that could not be read, told the way the person who fixes it needs it: the file, the line and column
 * where the parser stopped, and what is wrong, in Russian. The parser's own message names Java types and reference
 * chains ({@code java.util.ArrayList[0]->...Entry["inputs"]}), which mean nothing to whoever filled in the file; it
 * stays available as the cause.
 */
public final class UnreadableFileException extends IOException {

    private static final long serialVersionUID = 1L;
    private static final Pattern UNEXPECTED_CHARACTER = Pattern.compile("Unexpected character \\('(.{1,2})'");

    /** Reads a file; one that cannot be read becomes this exception, the reader's other exceptions pass as they are. */
    @FunctionalInterface
    public interface Reader<T, E extends Exception> {
        T read(Path file) throws IOException, E;
    }

    private UnreadableFileException(String message, IOException cause) {
        super(message, cause);
    }

    public static <T, E extends Exception> T read(Path file, Reader<T, E> reader) throws UnreadableFileException, E {
        try {
            return reader.read(file);
        } catch (UnreadableFileException e) {
            throw e;
        } catch (IOException e) {
            throw of(file, e);
        }
    }

    /** {@code file:line:column: what is wrong}, or {@code file: what is wrong} when there is no position. */
    public static UnreadableFileException of(Path file, IOException problem) {
        String at = file.toString();
        if (problem instanceof JsonProcessingException json
                && json.getLocation() != null
                && json.getLocation() != JsonLocation.NA
                && json.getLocation().getLineNr() > 0) {
            at += ":" + json.getLocation().getLineNr() + ":"
                    + json.getLocation().getColumnNr();
        }
        return new UnreadableFileException(at + ": " + what(problem), problem);
    }

    private static String what(IOException problem) {
        // A syntax error inside a list or an object comes wrapped with the path to it: the syntax error tells more.
        if (problem.getClass() == JsonMappingException.class && problem.getCause() instanceof IOException inner) {
            return what(inner);
        }
        if (problem instanceof NoSuchFileException) {
            return "файл не найден";
        }
        if (problem instanceof AccessDeniedException) {
            return "нет прав на чтение файла";
        }
        if (problem instanceof CharacterCodingException || problem instanceof CharConversionException) {
            return "файл не в кодировке UTF-8 (сохраните его как UTF-8)";
        }
        if (problem instanceof UnrecognizedPropertyException unknown) {
            return "неизвестное поле «" + unknown.getPropertyName() + "»" + in(unknown, 1)
                    + known(unknown.getKnownPropertyIds());
        }
        if (problem instanceof InvalidFormatException format) {
            return "значение «" + format.getValue() + "»" + in(format, 0) + " не подходит: ожидается "
                    + expected(format.getTargetType());
        }
        if (problem instanceof MismatchedInputException mismatched) {
            return "ожидается " + expected(mismatched.getTargetType()) + in(mismatched, 0);
        }
        if (problem instanceof JsonEOFException) {
            return "файл обрывается: не закрыта скобка или кавычка";
        }
        if (problem instanceof JsonParseException parse) {
            Matcher character = UNEXPECTED_CHARACTER.matcher(String.valueOf(parse.getOriginalMessage()));
            return character.find()
                    ? "ошибка синтаксиса: неожиданный символ «" + character.group(1) + "»"
                    : "ошибка синтаксиса: файл не читается как JSON или YAML";
        }
        if (problem instanceof JsonProcessingException) {
            return "файл не читается как JSON или YAML";
        }
        return "файл не читается";
    }

    /**
     * Where in the document, leaving out the last {@code inner} steps of the path: {@code  (запись 2, поле
     * inputs.standItems)}, or nothing at the top level.
     */
    private static String in(JsonMappingException problem, int inner) {
        StringBuilder fields = new StringBuilder();
        String record = "";
        List<JsonMappingException.Reference> path = problem.getPath();
        for (JsonMappingException.Reference reference : path.subList(0, Math.max(0, path.size() - inner))) {
            if (reference.getFieldName() != null) {
                fields.append(fields.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0 && fields.isEmpty()) {
                record = "запись " + (reference.getIndex() + 1);
            } else if (reference.getIndex() >= 0) {
                fields.append('[').append(reference.getIndex() + 1).append(']');
            }
        }
        String field = fields.isEmpty() ? "" : "поле " + fields;
        String both = record.isEmpty() || field.isEmpty() ? record + field : record + ", " + field;
        return both.isEmpty() ? "" : " (" + both + ")";
    }

    private static String known(Collection<Object> names) {
        if (names == null || names.isEmpty()) {
            return "";
        }
        return "; известные поля: "
                + names.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    /** What a value of the type looks like in a data file, without the type's Java name. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "другое значение";
        }
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == Short.class
                || type == short.class) {
            return "целое число";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "число";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true или false";
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type) || type.isEnum()) {
            return "строка";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type) || type == List.class) {
            return "список в квадратных скобках [...]";
        }
        if (type.getName().startsWith("java.time.")) {
            return "дата или время в формате ISO (2026-02-15, 2026-02-15T10:00:00Z)";
        }
        if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
            return "объект в фигурных скобках {...}";
        }
        return "другое значение";
    }
}
