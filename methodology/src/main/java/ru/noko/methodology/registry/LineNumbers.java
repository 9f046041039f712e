package ru.noko.methodology.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Physical line numbers of a text (the first line is 1), counted the way the CSV parser ends lines: LF, CR LF or a
 * lone CR. The parser's own counters are record numbers and character offsets, not lines.
 */
final class LineNumbers {

    private final String text;
    private final int[] lineStarts;

    LineNumbers(String text) {
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (endsLine(text, i)) {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The line holding the character at this offset. */
    int lineAt(int offset) {
        int found = Arrays.binarySearch(lineStarts, offset);
        return found >= 0 ? found + 1 : -found - 1;
    }

    /**
     * The line where a record begins, given the offset where the parser started reading it: the parser reports the
     * offset before the empty lines it skipped, so those are stepped over first.
     */
    int recordStartLine(long parserOffset) {
        int offset = (int) parserOffset;
        while (offset < text.length() && isLineBreak(text.charAt(offset))) {
            offset++;
        }
        return lineAt(offset);
    }

    /** The first line after this one that has any character in it (the parser skips empty lines). */
    int nextNonEmptyLine(int line) {
        for (int next = line + 1; next <= lineStarts.length; next++) {
            if (!isEmpty(next)) {
                return next;
            }
        }
        return Math.min(line + 1, lineStarts.length);
    }

    /** How many line breaks the values of one record hold, that is how many lines past its first it spans. */
    static int lineBreaksIn(List<String> values) {
        int breaks = 0;
        for (String value : values) {
            for (int i = 0; i < value.length(); i++) {
                if (endsLine(value, i)) {
                    breaks++;
                }
            }
        }
        return breaks;
    }

    /** Whether the character at this index is the last one of a line break (the LF of CR LF counts, its CR not). */
    private static boolean endsLine(String text, int index) {
        char c = text.charAt(index);
        return c == '\n' || c == '\r' && (index + 1 == text.length() || text.charAt(index + 1) != '\n');
    }

    private boolean isEmpty(int line) {
        int start = lineStarts[line - 1];
        return start == text.length() || isLineBreak(text.charAt(start));
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r';
    }
}
