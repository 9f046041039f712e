package ru.noko.methodology.instrument;

/**
 * One reason a response does not fit its instrument.
 *
 * @param field {@code answers.<question id>}, or {@code respondentRole}
 * @param rule unknown-question, not-for-role, hidden-by-skip-logic, required, type, not-an-option, duplicate-option,
 *     range, size, role
 * @param message for a person, in Russian
 */
public record AnswerProblem(String field, String rule, String message) {}
