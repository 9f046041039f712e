package ru.noko.methodology.instrument;

import java.util.List;

/**
 * Skip logic: a question is shown only when an earlier question is shown and its answer equals {@code equals}, or is
 * one of {@code in} (for a multiple-choice answer: contains it). Exactly one of {@code equals} and {@code in} is set.
 */
public record Condition(String question, Object equals, List<Object> in) {

    public boolean matches(Object answer) {
        if (answer == null) {
            return false;
        }
        List<Object> accepted = equals != null ? List.of(equals) : in;
        if (answer instanceof List<?> chosen) {
            return chosen.stream().anyMatch(option -> accepted.stream().anyMatch(value -> Answers.same(value, option)));
        }
        return accepted.stream().anyMatch(value -> Answers.same(value, answer));
    }
}
