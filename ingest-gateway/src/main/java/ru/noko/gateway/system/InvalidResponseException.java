package ru.noko.gateway.system;

import java.util.List;

/** A submitted response breaks one or more rules; all of them are reported at once. */
public final class InvalidResponseException extends RuntimeException {

    private final transient List<InvalidField> problems;

    public InvalidResponseException(List<InvalidField> problems) {
        super(problems.size() + " invalid field(s)");
        this.problems = List.copyOf(problems);
    }

    public List<InvalidField> problems() {
        return problems;
    }
}
