package ru.noko.methodology.registry;

import java.util.Locale;
import java.util.Optional;

/** The kind of educational organization, which decides the questionnaire and the respondent roles it is assessed by. */
public enum OrganizationType {
    PRESCHOOL("preschool", "дошкольная образовательная организация"),
    GENERAL("general", "общеобразовательная организация"),
    ADDITIONAL("additional", "организация дополнительного образования");

    private final String code;
    private final String russianName;

    OrganizationType(String code, String russianName) {
        this.code = code;
        this.russianName = russianName;
    }

    /** The code used in files and data, e.g. {@code preschool}. */
    public String code() {
        return code;
    }

    /** The name shown to people, e.g. «дошкольная образовательная организация». */
    public String russianName() {
        return russianName;
    }

    /** The type whose code is exactly {@code code}, ignoring case; empty for anything else, including null. */
    public static Optional<OrganizationType> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String lowered = code.toLowerCase(Locale.ROOT);
        for (OrganizationType type : values()) {
            if (type.code.equals(lowered)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
