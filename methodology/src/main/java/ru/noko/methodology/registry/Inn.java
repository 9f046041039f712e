package ru.noko.methodology.registry;

/**
 * The taxpayer number (ИНН) check of the Federal Tax Service: 10 digits for a legal entity, 12 for a person or an
 * individual entrepreneur, the last digits being control sums of the ones before.
 */
public final class Inn {

    private static final int[] LEGAL_ENTITY_WEIGHTS = {2, 4, 10, 3, 5, 9, 4, 6, 8};
    private static final int[] ELEVENTH_DIGIT_WEIGHTS = {7, 2, 4, 10, 3, 5, 9, 4, 6, 8};
    private static final int[] TWELFTH_DIGIT_WEIGHTS = {3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8};

    private Inn() {}

    /** Whether the text is exactly 10 or 12 ASCII digits with the right control digits. */
    public static boolean isValid(String inn) {
        if (inn == null || inn.length() != 10 && inn.length() != 12 || !isAsciiDigits(inn)) {
            return false;
        }
        if (inn.length() == 10) {
            return controlDigit(inn, LEGAL_ENTITY_WEIGHTS) == digit(inn, 9);
        }
        return controlDigit(inn, ELEVENTH_DIGIT_WEIGHTS) == digit(inn, 10)
                && controlDigit(inn, TWELFTH_DIGIT_WEIGHTS) == digit(inn, 11);
    }

    /** A legal entity's INN: the nine digits given and their control digit (demonstrations and tests). */
    public static String legalEntity(String nineDigits) {
        if (nineDigits.length() != 9 || !isAsciiDigits(nineDigits)) {
            throw new IllegalArgumentException("nine digits, not " + nineDigits);
        }
        return nineDigits + controlDigit(nineDigits + "0", LEGAL_ENTITY_WEIGHTS);
    }

    /** Whether the text is non-empty and only '0'–'9'; {@link Character#isDigit} would let in other scripts' digits. */
    static boolean isAsciiDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int controlDigit(String inn, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] * digit(inn, i);
        }
        return sum % 11 % 10;
    }

    private static int digit(String inn, int index) {
        return inn.charAt(index) - '0';
    }
}
