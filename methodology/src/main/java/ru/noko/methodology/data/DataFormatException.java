package ru.noko.methodology.data;

import java.util.List;

/** A data file that parses but does not make sense (a show-if pointing at a later question, weights not summing to 1...). */
public final class DataFormatException extends RuntimeException {

    private final transient List<String> problems;

    public DataFormatException(String source, List<String> problems) {
        super(source + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
