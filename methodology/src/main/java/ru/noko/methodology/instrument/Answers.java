package ru.noko.methodology.instrument;

/** Equality of answer values as JSON sees them: 4 and 4.0 are the same number, "4" is not. */
final class Answers {

    private Answers() {}

    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        if (a instanceof CharSequence x && b instanceof CharSequence y) {
            return x.toString().equals(y.toString());
        }
        return a.equals(b);
    }

    static boolean isInteger(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return true;
        }
        return value instanceof Number n
                && Double.isFinite(n.doubleValue())
                && n.doubleValue() == Math.rint(n.doubleValue());
    }
}
