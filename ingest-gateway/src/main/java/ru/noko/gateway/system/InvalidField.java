package ru.noko.gateway.system;

/**
 * One problem with a submitted response.
 *
 * @param field JSON path of the field, e.g. {@code organizationId} or {@code answers.q7}
 * @param rule the rule it breaks: required, format, type, size, range, unknown-field, json...
 * @param message what a person should fix, in Russian
 */
public record InvalidField(String field, String rule, String message) {}
