package ru.noko.methodology.instrument;

/** One choice of a single- or multiple-choice question: the id answers carry, and the text respondents read. */
public record AnswerOption(String id, String text) {}
