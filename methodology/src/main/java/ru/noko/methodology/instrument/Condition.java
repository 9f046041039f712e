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
        // Plain loops: every count of every response runs this, in the stream as in the batch.
        if (answer instanceof List<?> chosen) {
            for (Object option : chosen) {
                if (accepts(option)) {
                    return true;
                }
            }
            return false;
        }
        return accepts(answer);
    }

    private boolean accepts(Object value) {
        if (equals != null) {
            return Answers.same(equals, value);
        }
        for (Object accepted : in) {
            if (Answers.same(accepted, value)) {
                return true;
            }
        }
        return false;
    }
}
