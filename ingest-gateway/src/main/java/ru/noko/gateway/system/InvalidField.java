package ru.noko.gateway.system;

import jakarta.validation.ConstraintViolation;

/**
 * One problem with a submitted response.
 *
 * @param field JSON path of the field, e.g. {@code organizationId} or {@code answers.q7}
 * @param rule the rule it breaks: required, format, type, size, range, unknown-field, json...
 * @param message what a person should fix, in Russian
 */
public record InvalidField(String field, String rule, String message) {

    /** A Bean Validation violation as the API names it: the property, the rule in the error list's words. */
    public static InvalidField of(ConstraintViolation<?> violation) {
        String constraint = violation
                .getConstraintDescriptor()
                .getAnnotation()
                .annotationType()
                .getSimpleName();
        String rule = switch (constraint) {
            case "NotBlank", "NotNull", "NotEmpty" -> "required";
            case "Pattern" -> "format";
            case "Email" -> "email";
            case "PublicEmail" -> "public-domain";
            case "Size" -> "size";
            default -> constraint;
        };
        return new InvalidField(violation.getPropertyPath().toString(), rule, violation.getMessage());
    }
}
