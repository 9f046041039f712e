package ru.noko.methodology.registry;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Imports the organization registry from a CSV file, all or nothing: a file with any problem is rejected with every
 * problem of every line, so it can be fixed in one go.
 *
 * <p>The format:
 * <ul>
 *   <li>UTF-8; a byte order mark is ignored. The delimiter is {@code ,} or {@code ;} (what Excel in Russia saves),
 *       whichever the header line uses. Fields may be quoted as in RFC 4180, so a quoted field may hold the delimiter,
 *       doubled quotes and line breaks.
 *   <li>Line 1 is the header, columns in any order: {@code organization_id, name, inn, type, municipality, region}
 *       and one or more {@code contingent_<role>} columns, the role matching {@code [a-z][a-z_]{1,31}}
 *       (e.g. {@code contingent_parent}, {@code contingent_student}, {@code contingent_teacher}). A missing, repeated
 *       or unknown column, or no contingent column at all, is a problem of line 1.
 *   <li>Each further line is one organization; values are trimmed, empty lines are skipped:
 *     <ul>
 *       <li>{@code organization_id}: 1–64 of {@code A-Z a-z 0-9 . _ -}, starting with a letter or a digit (as in
 *           survey responses), unique in the file;
 *       <li>{@code name}: not blank, at most 500 characters;
 *       <li>{@code inn}: 10 digits (legal entity) or 12, with valid control digits ({@link Inn}); branches may share
 *           an INN;
 *       <li>{@code type}: {@code preschool}, {@code general} or {@code additional}, in any case;
 *       <li>{@code municipality}, {@code region}: not blank;
 *       <li>{@code contingent_<role>}: how many people of the role the organization has, an integer from 0 to
 *           1,000,000; blank means 0, the role does not apply.
 *     </ul>
 *   <li>A line with another number of fields than the header is one problem of the whole line. A file without any
 *       organization is a problem too.
 * </ul>
 * A problem names the physical line (a record spanning several lines is named by its first) and the column.
 */
public final class RegistryCsv {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private RegistryCsv() {}

    /** Reads a registry file in UTF-8; another encoding (Excel's plain "CSV" is Windows-1251) is a problem. */
    public static OrganizationRegistry read(Path file) throws IOException, RegistryImportException {
        return parse(decodeUtf8(Files.readAllBytes(file)), false);
    }

    /** Reads registry text; the reader decides the encoding. */
    public static OrganizationRegistry read(Reader reader) throws IOException, RegistryImportException {
        return read(reader, false);
    }

    /**
     * Reads registry text; the reader decides the encoding.
     *
     * @param onePerInn whether a second organization with an INN already given is a problem (the portal's import,
     *     where each organization has its own account), rather than a branch sharing its parent's
     */
    public static OrganizationRegistry read(Reader reader, boolean onePerInn)
            throws IOException, RegistryImportException {
        StringWriter text = new StringWriter();
        reader.transferTo(text);
        return parse(text.toString(), onePerInn);
    }

    // The whole text is kept in memory: a registry is at most tens of thousands of lines, and line numbers are
    // worked out from the character offsets the parser reports.
    private static OrganizationRegistry parse(String text, boolean onePerInn) throws RegistryImportException {
        String content = !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
        LineNumbers lines = new LineNumbers(content);
        List<LineProblem> problems = new ArrayList<>();
        List<Organization> organizations = new ArrayList<>();
        RegistryHeader header = null;
        RegistryLineChecker checker = null;
        int headerLine = 1;
        int lastLineRead = 0;
        int dataLines = 0;
        boolean malformed = false;
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiterOf(content))
                .setIgnoreEmptyLines(true)
                .get();
        try (CSVParser parser = CSVParser.builder()
                .setReader(new StringReader(content))
                .setFormat(format)
                .get()) {
            for (CSVRecord record : parser) {
                List<String> fields = record.toList();
                int line = lines.recordStartLine(record.getCharacterPosition());
                lastLineRead = line + LineNumbers.lineBreaksIn(fields);
                if (fields.stream()
                        .allMatch(field -> RegistryLineChecker.trim(field).isEmpty())) {
                    // Lines of spaces, or of delimiters only, which Excel writes for empty rows of a table.
                    continue;
                }
                if (header == null) {
                    headerLine = line;
                    header = RegistryHeader.read(fields, line, problems);
                    checker = new RegistryLineChecker(header, problems, onePerInn);
                } else {
                    dataLines++;
                    checker.check(fields, line).ifPresent(organizations::add);
                }
            }
        } catch (UncheckedIOException | IOException e) {
            // Only the CSV syntax can fail on text in memory, and the parser cannot go on past it.
            malformed = true;
            problems.add(new LineProblem(
                    lines.nextNonEmptyLine(lastLineRead),
                    null,
                    "ошибка формата CSV: кавычка не закрыта или после закрывающей кавычки нет разделителя; "
                            + "кавычку внутри поля пишут дважды (\"\")"));
        }
        if (header == null && !malformed) {
            problems.add(new LineProblem(1, null, "файл пуст: нет строки заголовка"));
        } else if (header != null && dataLines == 0 && !malformed) {
            problems.add(new LineProblem(headerLine, null, "нет ни одной организации"));
        }
        if (!problems.isEmpty()) {
            throw new RegistryImportException(problems);
        }
        return new OrganizationRegistry(organizations);
    }

    /** The delimiter the header line uses more of, outside quotes; a comma when it uses neither. */
    private static char delimiterOf(String content) {
        int semicolons = 0;
        int commas = 0;
        boolean quoted = false;
        int i = 0;
        while (i < content.length() && (content.charAt(i) == '\n' || content.charAt(i) == '\r')) {
            i++;
        }
        for (; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && c == ';') {
                semicolons++;
            } else if (!quoted && c == ',') {
                commas++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    private static String decodeUtf8(byte[] bytes) throws RegistryImportException {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never decodes to more UTF-16 chars than it has bytes.
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new RegistryImportException(List.of(new LineProblem(
                    lineOfByte(bytes, in.position()),
                    null,
                    "файл не в кодировке UTF-8: сохраните его в Excel как «CSV UTF-8 (разделитель — запятая)»")));
        }
        return out.flip().toString();
    }

    private static int lineOfByte(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n')) {
                line++;
            }
        }
        return line;
    }
}
