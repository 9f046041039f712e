package ru.noko.methodology.instrument;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What kind of answer a question takes, and so which JSON value an answer must be. */
public enum QuestionType {
    /** {@code true} (Да) or {@code false} (Нет). */
    @JsonProperty("yes_no")
    YES_NO,
    /** One option id, a string. */
    @JsonProperty("single_choice")
    SINGLE_CHOICE,
    /** One or more distinct option ids, a list of strings. */
    @JsonProperty("multiple_choice")
    MULTIPLE_CHOICE,
    /** An integer from 1 (совершенно не удовлетворен) to 5 (полностью удовлетворен). */
    @JsonProperty("likert5")
    LIKERT_5,
    /** A number, within the question's min and max when given. */
    @JsonProperty("number")
    NUMBER,
    /** Free text. */
    @JsonProperty("text")
    TEXT;

    boolean hasOptions() {
        return this == SINGLE_CHOICE || this == MULTIPLE_CHOICE;
    }
}
